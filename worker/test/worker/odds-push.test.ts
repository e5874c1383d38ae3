import { bookmakers, fixtures, oddsSnapshots, players } from '@fairline/db';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import { pollOddsJob } from '../../src/jobs/poll-odds.ts';
import { MAX_EVENTS_PER_ROOM, pushOddsChanges } from '../../src/pipeline/deliver.ts';
import { ODDS_STREAM, readPushWatermark } from '../../src/services/pipeline/watermark.ts';
import { liveRoomPublisher } from '../../src/scheduled.ts';
import { latestOddsId, oddsChangesSince } from '@fairline/db';
import { type SuiteDb } from './support/fresh-db.ts';
import { useSeededSuite, type BuiltCtx } from './support/seeded-suite.ts';
import { joinRoom } from './support/worker-http.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
const SOURCE = 'odds-api';
let suite: SuiteDb;
let built: BuiltCtx;

useSeededSuite(NOW, (s, b) => ((suite = s), (built = b)));

const listen = (room: string) => joinRoom(room, suite.env);

const nflGames = () => suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'nfl'), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt));

describe('live odds pushes', () => {
  it('pushes the odds API’s new prices to the game’s room and its sport’s room, in order, one batch per room', async () => {
    const [game] = await nflGames();
    const [book] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    const [wr] = await suite.db.select().from(players).where(eq(players.externalId, 'SIM-WR-0'));
    const room = await listen(`fixture:${game!.id}`);
    const sport = await listen('nfl');
    const before = await latestOddsId(suite.db, SOURCE);
    const at = new Date(NOW);
    await suite.db.insert(oddsSnapshots).values([
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'spread', selection: 'home', line: -3.5, price: 1.95, capturedAt: at, source: SOURCE },
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'player_prop', selection: 'over', line: 5.5, playerId: wr!.id, prop: 'receptions', price: 2.1, capturedAt: at, source: SOURCE },
      // A results file's rows (upserted history) are never pushed as live changes.
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'spread', selection: 'away', line: 3.5, price: 1.8, capturedAt: at, source: 'nflverse' },
    ]);
    // The watermark in the database is where the last push ended: nothing of the odds API was pushed yet.
    expect(await readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } })).toBe(before);
    expect(await pushOddsChanges({ ctx: built.ctx, rooms: liveRoomPublisher(suite.env) })).toEqual({ changes: 2, pushed: 4, rooms: 2, truncated: false });
    expect(await readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } })).toBe(await latestOddsId(suite.db, SOURCE));
    const expected = [
      { kind: 'odds', fixtureId: game!.id, market: 'spread', selection: 'home', line: -3.5, bookmaker: 'sim_book', price: 1.95, playerId: null, prop: null },
      { kind: 'odds', fixtureId: game!.id, market: 'player_prop', selection: 'over', line: 5.5, bookmaker: 'sim_book', price: 2.1, playerId: wr!.id, prop: 'receptions' },
    ];
    for (const socket of [room, sport]) {
      const got = await socket.events(2);
      expect(got.map((m) => m.event)).toEqual(expected);
      expect(got[1]!.seq).toBe(got[0]!.seq + 1); // one sequence number per event, in order
    }
    room.close();
    sport.close();
  });

  it('sends at most MAX_EVENTS_PER_ROOM events to a room per tick and says it truncated', async () => {
    const [, game] = await nflGames();
    const [book] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    const room = await listen(`fixture:${game!.id}`);
    const before = await latestOddsId(suite.db, SOURCE);
    const n = MAX_EVENTS_PER_ROOM + 5;
    await suite.db.insert(oddsSnapshots).values(
      Array.from({ length: n }, (_, k) => ({
        fixtureId: game!.id, bookmakerId: book!.id, market: 'game_total' as const, selection: 'over', line: 40.5 + k, price: 1.9, capturedAt: new Date(NOW), source: SOURCE,
      })),
    );
    expect(await readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } })).toBe(before);
    const r = await pushOddsChanges({ ctx: built.ctx, rooms: liveRoomPublisher(suite.env) });
    expect(r).toMatchObject({ changes: n, truncated: true, rooms: 2 });
    expect(r.pushed).toBe(2 * MAX_EVENTS_PER_ROOM);
    expect(await room.events(MAX_EVENTS_PER_ROOM)).toHaveLength(MAX_EVENTS_PER_ROOM);
    room.close();
  });

  it('without a queue, a publish that fails after the commit leaves the watermark, and the next tick pushes exactly the missed changes', async () => {
    const [, , game] = await nflGames();
    const [book] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    const before = await readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } });
    await suite.db.insert(oddsSnapshots).values([
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'moneyline', selection: 'home', price: 1.7, capturedAt: new Date(NOW), source: SOURCE },
      { fixtureId: game!.id, bookmakerId: book!.id, market: 'moneyline', selection: 'away', price: 2.3, capturedAt: new Date(NOW), source: SOURCE },
    ]);
    const down = { publish: () => Promise.reject(new Error('LiveRoom unreachable')), publishMany: () => Promise.reject(new Error('LiveRoom unreachable')) };
    await expect(pushOddsChanges({ ctx: built.ctx, rooms: down })).rejects.toThrow(/unreachable/);
    expect(await readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } })).toBe(before);
    const room = await listen(`fixture:${game!.id}`);
    expect(await pushOddsChanges({ ctx: built.ctx, rooms: liveRoomPublisher(suite.env) })).toEqual({ changes: 2, pushed: 4, rooms: 2, truncated: false });
    expect((await room.events(2)).map((m) => m.event)).toEqual([
      { kind: 'odds', fixtureId: game!.id, market: 'moneyline', selection: 'home', line: null, bookmaker: 'sim_book', price: 1.7, playerId: null, prop: null },
      { kind: 'odds', fixtureId: game!.id, market: 'moneyline', selection: 'away', line: null, bookmaker: 'sim_book', price: 2.3, playerId: null, prop: null },
    ]);
    expect(await readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } })).toBe(await latestOddsId(suite.db, SOURCE));
    room.close();
  });

  it('reads changes oldest first, per source, and says when it stopped short', async () => {
    const r = await oddsChangesSince(suite.db, SOURCE, 0, 3);
    expect(r.truncated).toBe(true);
    expect(r.changes.map((c) => c.id)).toEqual([...r.changes.map((c) => c.id)].sort((a, b) => a - b));
    expect((await oddsChangesSince(suite.db, 'no-such-source', 0, 3)).changes).toEqual([]);
  });

  it('the polling job is skipped, and pushes nothing, without an odds API key', async () => {
    const config = loadConfig({ ...suite.env, ODDS_API_KEY: '' }); // how an unset secret reaches the worker
    const sport = await listen('nfl');
    expect(await pollOddsJob.run({ ctx: built.ctx, config, rooms: liveRoomPublisher(suite.env) })).toEqual({
      status: 'skipped',
      reason: 'no ODDS_API_KEY bound',
    });
    expect(await sport.events(0)).toEqual([]);
    sport.close();
  });
});
