/**
 * The portfolio crons inside workerd, on the production read path (neon-http through the proxy) and the real LiveRoom
 * Durable Objects: a bet placed over HTTP, its fixture kicks off → the closing-line job captures it and the owner's
 * socket on `user:<id>` receives a `closing` event; the result arrives → the settlement job settles it and the socket
 * receives `settled` (the room validates both event kinds against the shared protocol).
 */
import { bookmakers, fixtures, oddsSnapshots } from '@fairline/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import { captureClosingLinesJob } from '../../src/jobs/capture-closing-lines.ts';
import { settleBetsJob } from '../../src/jobs/settle-bets.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { userRoom, type ServerMessage } from '../../src/rooms/protocol.ts';
import { buildCtx } from '../../src/runtime.ts';
import { liveRoomPublisher } from '../../src/scheduled.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { bearer, createKey, signUpUser, trpcRaw, type TestUser } from './support/auth.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { callWorker } from './support/worker-http.ts';

let suite: SuiteDb;
let built: ReturnType<typeof buildCtx>;
let ana: TestUser;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, Date.now());
  built = buildCtx(loadConfig(suite.env), silentLogger);
  ana = await signUpUser(suite.env, suite.db);
});
afterAll(async () => {
  await built?.dispose();
  await suite?.drop();
});

/** The owner's socket on their private room (an API key with read:live), collecting what arrives. */
async function ownerSocket(token: string, userId: string) {
  const res = await callWorker(new Request(`http://api.test/rooms/${userRoom(userId)}`, { headers: { upgrade: 'websocket', ...bearer(token) } }), suite.env);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: ServerMessage[] = [];
  ws.addEventListener('message', (e) => void messages.push(JSON.parse(e.data as string)));
  ws.accept();
  const events = async (n: number) => {
    const deadline = Date.now() + 5000;
    const got = () => messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
    while (got().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return got();
  };
  return { events, close: () => ws.close(1000, 'done') };
}

describe('portfolio crons in workerd', () => {
  it('capture the closing line at kick-off and settle on the result, pushing both to the owner\'s room', async () => {
    const [f] = await suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
    const p = await trpcRaw<{ id: string }>(suite.env, 'portfolios.create', { type: 'mutation', headers: bearer(ana.token), input: { name: 'Live', startingBankroll: 100 } });
    const placed = await trpcRaw<{ bet: { id: string; price: number } }>(suite.env, 'bets.place', {
      type: 'mutation', headers: bearer(ana.token),
      input: { portfolioId: p.data!.id, clientRef: 'live-1', fixtureId: f!.id, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 4 },
    });
    const bet = placed.data!.bet;
    await suite.db.insert(bookmakers).values({ key: 'pinnacle', name: 'Pinnacle' }).onConflictDoNothing();
    const [pin] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'pinnacle'));
    const at = new Date(f!.kickoffAt.getTime() - 3_600_000);
    await suite.db.insert(oddsSnapshots).values(
      (['home', 'draw', 'away'] as const).map((selection, i) => ({ fixtureId: f!.id, bookmakerId: pin!.id, market: '1x2' as const, selection, price: [2.0, 3.5, 4.2][i]!, capturedAt: at, closing: true, source: 'test' })),
    );

    const socket = await ownerSocket((await createKey(suite.env, ana.token, ['read:live'])).secret, ana.id);
    const rooms = liveRoomPublisher(suite.env);
    const at5 = { ...built.ctx, clock: () => new Date(f!.kickoffAt.getTime() + 5 * 60_000) };
    expect(await captureClosingLinesJob.run({ ctx: at5, config: {}, rooms })).toEqual({ status: 'ran', summary: { captured: 1, missing: 0, users: 1 } });
    const [closing] = await socket.events(1);
    expect(closing).toMatchObject({ kind: 'closing', betId: bet.id, portfolioId: p.data!.id, fixtureId: f!.id, source: 'own_book', closingPrice: bet.price });

    await suite.db.update(fixtures).set({ status: 'final', homeScore: 1, awayScore: 0, updatedAt: new Date() }).where(eq(fixtures.id, f!.id));
    const nextDay = { ...built.ctx, clock: () => new Date(f!.kickoffAt.getTime() + 20 * 3_600_000) };
    expect(await settleBetsJob.run({ ctx: nextDay, config: {}, rooms })).toMatchObject({ status: 'ran', summary: { settled: 1, resettled: 0, failed: 0 } });
    const pnl = Math.round(400 * (bet.price - 1)) / 100;
    const events = await socket.events(2);
    expect(events[1]).toEqual({ kind: 'settled', betId: bet.id, portfolioId: p.data!.id, fixtureId: f!.id, result: 'won', pnl, currency: 'EUR', resettled: false, sequence: 1 });
    socket.close();

    const got = await trpcRaw<{ result: string; pnl: number; closing: { clv: number } }>(suite.env, 'bets.get', { headers: bearer(ana.token), input: { id: bet.id } });
    expect(got.data).toMatchObject({ result: 'won', pnl, closing: { clv: expect.any(Number) } });
  });
});
