import { bookmakers, fixtures, oddsSnapshots, players, seedSimulatedData } from '@fairline/db';
import { createExecutionContext } from 'cloudflare:test';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import worker from '../../src/index.ts';
import { pollOddsAndPushJob, pushOddsChanges } from '../../src/jobs/poll-odds.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { ServerMessage } from '../../src/rooms/protocol.ts';
import { buildCtx } from '../../src/runtime.ts';
import { latestOddsId, oddsChangesSince } from '../../src/services/odds/odds-changes.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
let suite: SuiteDb;
let built: ReturnType<typeof buildCtx>;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
  built = buildCtx(loadConfig(suite.env), silentLogger);
});
afterAll(async () => {
  await built?.dispose();
  await suite?.drop();
});

/** A socket on a room that collects the events it receives. */
async function listen(room: string) {
  const res = await worker.fetch(new Request(`http://api.test/rooms/${room}`, { headers: { Upgrade: 'websocket' } }), suite.env as never, createExecutionContext());
  const ws = res.webSocket!;
  const got: ServerMessage[] = [];
  ws.addEventListener('message', (e) => got.push(JSON.parse(e.data as string)));
  ws.accept();
  const events = async (n: number) => {
    const deadline = Date.now() + 5000;
    const ev = () => got.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event').map((m) => m.event);
    while (ev().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return ev();
  };
  return { events, close: () => ws.close(1000, 'bye') };
}

describe('live odds pushes', () => {
  it('pushes every price written since the watermark to the game’s room and its sport’s room', async () => {
    const [game] = await suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'nfl'), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
    const [book] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    const [wr] = await suite.db.select().from(players).where(eq(players.externalId, 'SIM-WR-0'));
    const room = await listen(`fixture:${game!.id}`);
    const sport = await listen('nfl');
    const before = await latestOddsId(suite.db);
    const at = new Date(NOW);
    await suite.db.insert(oddsSnapshots).values([
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'spread', selection: 'home', line: -3.5, price: 1.95, capturedAt: at, source: 'test' },
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'player_prop', selection: 'over', line: 5.5, playerId: wr!.id, prop: 'receptions', price: 2.1, capturedAt: at, source: 'test' },
    ]);
    expect(await pushOddsChanges(built.ctx, suite.env, before)).toEqual({ pushed: 2, truncated: false });
    const expected = [
      { kind: 'odds', fixtureId: game!.id, market: 'spread', selection: 'home', line: -3.5, bookmaker: 'sim_book', price: 1.95, playerId: null, prop: null },
      { kind: 'odds', fixtureId: game!.id, market: 'player_prop', selection: 'over', line: 5.5, bookmaker: 'sim_book', price: 2.1, playerId: wr!.id, prop: 'receptions' },
    ];
    expect(await room.events(2)).toEqual(expected);
    expect(await sport.events(2)).toEqual(expected);
    // Nothing new since: nothing pushed.
    expect(await pushOddsChanges(built.ctx, suite.env, await latestOddsId(suite.db))).toEqual({ pushed: 0, truncated: false });
    room.close();
    sport.close();
  });

  it('reads changes oldest first and says when it stopped short', async () => {
    const r = await oddsChangesSince(suite.db, 0, 3);
    expect(r.truncated).toBe(true);
    expect(r.changes).toHaveLength(3);
    expect(r.changes.map((c) => c.id)).toEqual([...r.changes.map((c) => c.id)].sort((a, b) => a - b));
  });

  it('the polling job is skipped, and pushes nothing, without an odds API key', async () => {
    const env = { ...suite.env, ODDS_API_KEY: undefined };
    expect(await pollOddsAndPushJob.run({ ctx: built.ctx, env })).toEqual({ skipped: 'no ODDS_API_KEY bound' });
  });
});
