/**
 * The event pipeline inside workerd against a real Postgres: an ingestion commit's fixtures enqueued → the worker's
 * queue handler → LiveRoom sockets receive the odds and repriced events → the database watermark advanced; a failed
 * publish retries the batch with the watermark unmoved and the retry delivers exactly what was missed; a crash before
 * the enqueue is caught up by the next tick; a poison message is retried to the dead-letter queue and recorded there.
 */
import { bookmakers, deadLetters, fixtures, oddsSnapshots, projections, pushWatermarks } from '@fairline/db';
import { latestOddsId } from '@fairline/db';
import { and, asc, eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { handOverOddsChanges } from '../../src/jobs/poll-odds.ts';
import { consumeFixtureChanges } from '../../src/pipeline/consume.ts';
import { deliverFixtureChanges, MAX_CHANGES_PER_TICK } from '../../src/pipeline/deliver.ts';
import { FIXTURE_CHANGES_DLQ, FIXTURE_CHANGES_QUEUE, fixtureChangesMessages } from '../../src/pipeline/messages.ts';
import { queueSink } from '../../src/pipeline/sink.ts';
import { PROP_KEY } from '../../src/services/nfl/props/prop-keys.ts';
import type { RoomPublisher } from '../../src/rooms/publisher.ts';
import { GENERATION_CHECK_MS, generationKey } from '../../src/lib/read-cache/generations.ts';
import { liveRoomPublisher } from '../../src/scheduled.ts';
import { refreshSoccerPredictions } from '../../src/services/soccer/refresh-predictions.ts';
import { advancePushWatermark, ODDS_STREAM, readPushWatermark } from '../../src/services/pipeline/watermark.ts';
import { type SuiteDb } from './support/fresh-db.ts';
import { useSeededSuite, type BuiltCtx } from './support/seeded-suite.ts';
import { deliverBatch, recordingQueue } from './support/queues.ts';
import { joinRoom } from './support/worker-http.ts';
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';

const NOW = Date.UTC(2026, 10, 21, 12);
const SOURCE = 'odds-api';
let suite: SuiteDb;
let built: BuiltCtx;

useSeededSuite(NOW, (s, b) => ((suite = s), (built = b)));

const scheduled = (sport: 'nfl' | 'soccer') =>
  suite.db.select().from(fixtures).where(and(eq(fixtures.sport, sport), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt));
const watermark = () => readPushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM } });

/** Commits `n` odds-API price changes of a fixture (distinct game-total lines, so each is its own price). */
async function commitOdds(fixtureId: number, n: number, base: number) {
  const [book] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
  const rows = Array.from({ length: n }, (_, k) => ({
    fixtureId, bookmakerId: book!.id, market: 'game_total' as const, selection: 'over', line: base + k, price: 1.9 + k / 100, capturedAt: new Date(NOW), source: SOURCE,
  }));
  await suite.db.insert(oddsSnapshots).values(rows);
  return rows.map((r) => ({ kind: 'odds', fixtureId, market: 'game_total', selection: 'over', line: r.line, bookmaker: 'sim_book', price: r.price, playerId: null, prop: null }));
}

/** The fixtures-changes bodies a poll tick enqueues now (the producer path of the polling job). */
async function produce() {
  const { queue, bodies } = recordingQueue();
  const summary = await handOverOddsChanges({ ctx: built.ctx, rooms: liveRoomPublisher(suite.env), changes: queueSink(queue) });
  return { summary, bodies };
}

const throwingRooms: RoomPublisher = {
  publish: async () => {
    throw new Error('LiveRoom unreachable');
  },
  publishMany: async () => {
    throw new Error('LiveRoom unreachable');
  },
};

describe('event pipeline: commit → queue → consumer → rooms → watermark', () => {
  it('delivers a poll’s odds and the repriced fair probabilities to the fixture’s and the sport’s rooms, then advances the watermark', async () => {
    const [game] = await scheduled('nfl');
    const room = await listen(`fixture:${game!.id}`);
    const sport = await listen('nfl');
    const start = await watermark();
    const cache = built.ctx.cache;
    const nflGeneration = () => cache?.get<string>(generationKey('nfl')) ?? null;
    const generationBefore = await nflGeneration();
    const t0 = Date.now();
    const odds = await commitOdds(game!.id, 2, 40.5);
    // And a player's prop line moved, for a player the active props model projected in this game.
    const [projected] = await suite.db.select({ playerId: projections.playerId, market: projections.market }).from(projections).where(eq(projections.fixtureId, game!.id)).limit(1);
    const prop = PROP_KEY[projected!.market as keyof typeof PROP_KEY];
    const [book] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    await suite.db.insert(oddsSnapshots).values({
      fixtureId: game!.id, bookmakerId: book!.id, market: 'player_prop', selection: 'over', line: 3.5, playerId: projected!.playerId, prop, price: 1.95, capturedAt: new Date(NOW), source: SOURCE,
    });
    odds.push({ kind: 'odds', fixtureId: game!.id, market: 'player_prop', selection: 'over', line: 3.5, bookmaker: 'sim_book', price: 1.95, playerId: projected!.playerId, prop } as never);
    const { summary, bodies } = await produce();
    expect(summary).toEqual({ enqueued: 1, messages: 1 });
    expect(bodies).toEqual([{ v: 1, cause: 'odds', fixtureIds: [game!.id], committedAt: expect.any(String) }]);
    const { ids, result } = await deliverBatch(FIXTURE_CHANGES_QUEUE, bodies, suite.env);
    expect(result.explicitAcks).toEqual(ids);
    expect(result.retryMessages).toEqual([]);
    for (const socket of [room, sport]) {
      const got = (await socket.events(5)).map((m) => m.event);
      expect(got.filter((e) => e.kind === 'odds')).toEqual(odds);
      // The game repriced by the active game-lines model at the books' consensus: probabilities, in [0, 1].
      const fair = got.filter((e) => e.kind === 'prediction');
      expect(fair.length).toBeGreaterThan(0);
      expect(fair.every((e) => e.kind === 'prediction' && e.fixtureId === game!.id && e.probability >= 0 && e.probability <= 1)).toBe(true);
      // Game lines at the consensus line; the changed prop line priced by the props model (over + under + push = 1).
      expect(fair.filter((e) => e.kind === 'prediction' && e.market === 'spread').every((e) => e.kind === 'prediction' && typeof e.line === 'number')).toBe(true);
      const propFair = fair.filter((e) => e.kind === 'prediction' && e.market === 'player_prop');
      expect(propFair.map((e) => e.kind === 'prediction' && [e.selection, e.line, e.playerId, e.prop])).toEqual([
        ['over', 3.5, projected!.playerId, prop],
        ['under', 3.5, projected!.playerId, prop],
      ]);
      const [pOver, pUnder] = propFair.map((e) => (e.kind === 'prediction' ? e.probability : NaN));
      expect(pOver! + pUnder!).toBeLessThanOrEqual(1 + 1e-9);
      expect(pOver! + pUnder!).toBeGreaterThan(0.5);
    }
    const latencyMs = Date.now() - t0;
    console.info(`pipeline: commit → enqueue → consumer → room event in ${latencyMs} ms (queue handler called directly; the broker adds up to max_batch_timeout)`);
    expect(await watermark()).toBe(await latestOddsId(suite.db, SOURCE));
    expect(await watermark()).toBeGreaterThan(start);
    // The NFL read cache was invalidated (a new generation token), when a cache tier is configured.
    if (cache) expect(await nflGeneration()).not.toBe(generationBefore);
    // Nothing left: the next tick enqueues nothing.
    expect((await produce()).summary).toEqual({ enqueued: 0, messages: 0 });
    room.close();
    sport.close();
  });

  it('publishes a soccer fixture’s stored 1X2 on a predictions message, and a results message’s fixture state to `fixtures`', async () => {
    const [match] = await scheduled('soccer');
    // The hourly refresh stores the predictions a predictions message announces.
    await refreshSoccerPredictions({ ctx: { ...built.ctx, clock: () => new Date(NOW) } });
    const room = await listen(`fixture:${match!.id}`);
    const all = await listen('fixtures');
    const bodies = [...fixtureChangesMessages('predictions', [match!.id], new Date()), ...fixtureChangesMessages('results', [match!.id], new Date())];
    const { ids, result } = await deliverBatch(FIXTURE_CHANGES_QUEUE, bodies, suite.env);
    expect(result.explicitAcks).toEqual(ids);
    const got = (await room.events(4)).map((m) => m.event);
    expect(got.filter((e) => e.kind === 'prediction').map((e) => e.kind === 'prediction' && e.selection).sort()).toEqual(['away', 'draw', 'home']);
    const p = got.filter((e) => e.kind === 'prediction').reduce((s, e) => s + (e.kind === 'prediction' ? e.probability : 0), 0);
    expect(p).toBeCloseTo(1, 6);
    expect((await all.events(1)).map((m) => m.event)).toEqual([{ kind: 'fixture', fixtureId: match!.id, status: 'scheduled', homeScore: null, awayScore: null }]);
    room.close();
    all.close();
  });

  it('a crash between commit and publish loses nothing: the failed batch is retried, the watermark unmoved, and the retry delivers exactly the missed changes', async () => {
    const [, game] = await scheduled('nfl');
    const start = await watermark();
    const odds = await commitOdds(game!.id, 3, 50.5);
    const { bodies } = await produce();
    // First delivery: the rooms are unreachable after the commit (a crash of the push).
    const batch = createMessageBatch(FIXTURE_CHANGES_QUEUE, bodies.map((body, i) => ({ id: `crash-${i}`, timestamp: new Date(), attempts: 1, body })));
    const summary = await consumeFixtureChanges({ ctx: built.ctx, rooms: throwingRooms, batch });
    expect(summary).toMatchObject({ acked: 0, retried: 1, malformed: 0, delivery: null });
    const verdict = await getQueueResult(batch, createExecutionContext());
    expect(verdict.explicitAcks).toEqual([]);
    expect(verdict.retryMessages.map((m) => m.msgId)).toEqual(['crash-0']);
    expect(await watermark()).toBe(start);
    // The retry (the queue redelivers the same message) reaches the room with exactly those changes.
    const room = await listen(`fixture:${game!.id}`);
    const { result } = await deliverBatch(FIXTURE_CHANGES_QUEUE, bodies, suite.env, 2);
    expect(result.retryMessages).toEqual([]);
    expect((await room.events(3)).map((m) => m.event).filter((e) => e.kind === 'odds')).toEqual(odds);
    expect(await watermark()).toBe(await latestOddsId(suite.db, SOURCE));
    room.close();
  });

  it('a crash before the enqueue is caught up by the next tick: it enqueues every fixture still above the watermark', async () => {
    const [, , game] = await scheduled('nfl');
    const [, other] = await scheduled('soccer');
    const oddsA = await commitOdds(game!.id, 1, 60.5); // this tick crashed after its commit: nothing was enqueued
    await commitOdds(other!.id, 1, 2.5); // the next tick's own commit
    const { summary, bodies } = await produce();
    expect(summary).toEqual({ enqueued: 2, messages: 1 });
    expect(bodies).toEqual([expect.objectContaining({ cause: 'odds', fixtureIds: [game!.id, other!.id].sort((a, b) => a - b) })]);
    const room = await listen(`fixture:${game!.id}`);
    await deliverBatch(FIXTURE_CHANGES_QUEUE, bodies, suite.env);
    expect((await room.events(1)).map((m) => m.event).filter((e) => e.kind === 'odds')).toEqual(oddsA);
    expect(await watermark()).toBe(await latestOddsId(suite.db, SOURCE));
    room.close();
  });

  it('invalidates the read cache before it publishes, and publishes no sooner than other isolates can see it', async () => {
    const cache = built.ctx.cache;
    if (!suite.env.UPSTASH_REDIS_REST_URL) return; // no cache tier configured: nothing to invalidate
    const [, game] = await scheduled('soccer');
    await commitOdds(game!.id, 1, 3.5);
    const before = await cache!.get<string>(generationKey('soccer'));
    const seen: Array<{ generation: string | null; at: number }> = [];
    const rooms = liveRoomPublisher(suite.env);
    const watching: RoomPublisher = {
      publish: rooms.publish,
      publishMany: async (room, events) => {
        seen.push({ generation: await cache!.get<string>(generationKey('soccer')), at: Date.now() });
        return rooms.publishMany(room, events);
      },
    };
    const { bodies } = await produce();
    const batch = createMessageBatch(FIXTURE_CHANGES_QUEUE, bodies.map((body, i) => ({ id: `inv-${i}`, timestamp: new Date(), attempts: 1, body })));
    const t0 = Date.now();
    expect(await consumeFixtureChanges({ ctx: built.ctx, rooms: watching, batch })).toMatchObject({ acked: 1, retried: 0 });
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.generation).not.toBe(before);
      expect(s.at - t0).toBeGreaterThanOrEqual(GENERATION_CHECK_MS);
    }
  });

  it('more changes than one read holds are drained in rounds, each published before the watermark moves past it', async () => {
    const [, , , game] = await scheduled('nfl');
    const n = MAX_CHANGES_PER_TICK + 5;
    await commitOdds(game!.id, n, 100.5);
    const moves: number[] = [];
    const rooms = liveRoomPublisher(suite.env);
    const watching: RoomPublisher = {
      publish: rooms.publish,
      publishMany: async (room, events) => {
        moves.push(await watermark()); // where the watermark stands while this round publishes
        return rooms.publishMany(room, events);
      },
    };
    const start = await watermark();
    const r = await deliverFixtureChanges({ ctx: built.ctx, rooms: watching, input: { reprice: [], results: [], repriceOdds: false } });
    expect(r).toMatchObject({ changes: n, rooms: 4, truncated: true }); // 2 rounds × (fixture room + nfl); per-room caps
    expect(r.watermark).toBe(await latestOddsId(suite.db, SOURCE));
    // Round 1 published from the start; round 2 only after round 1's last change was recorded.
    const ids = (await suite.db.select({ id: oddsSnapshots.id }).from(oddsSnapshots).where(and(eq(oddsSnapshots.source, SOURCE), gt(oddsSnapshots.id, start))).orderBy(asc(oddsSnapshots.id))).map((x) => x.id);
    expect(ids).toHaveLength(n);
    const firstRound = ids[MAX_CHANGES_PER_TICK - 1]!;
    expect(moves).toEqual([start, start, firstRound, firstRound]);
  });

  it('the watermark only moves forward', async () => {
    const now = await watermark();
    expect(await advancePushWatermark({ ctx: built.ctx, input: { stream: ODDS_STREAM, lastId: Math.max(0, now - 1) } })).toBe(now);
    expect(await watermark()).toBe(now);
  });

  it('a poison message is retried alone (the valid ones are delivered) and, once dead-lettered, recorded once', async () => {
    const [game] = await scheduled('nfl');
    const poison = { v: 2, cause: 'odds', fixtureIds: ['DROP TABLE'], committedAt: 'yesterday' };
    const tooMany = { v: 1, cause: 'odds', fixtureIds: Array.from({ length: 101 }, (_, i) => i + 1), committedAt: new Date().toISOString() };
    const good = fixtureChangesMessages('predictions', [game!.id], new Date())[0]!;
    const { ids, result } = await deliverBatch(FIXTURE_CHANGES_QUEUE, [poison, good, tooMany], suite.env, 5);
    expect(result.explicitAcks).toEqual([ids[1]]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([ids[0], ids[2]]);
    // After max_retries the queue moves it to the dead-letter queue, whose consumer records it (twice delivered: one row).
    for (let i = 0; i < 2; i++) {
      const dlq = await deliverBatch(FIXTURE_CHANGES_DLQ, [poison], suite.env, 6);
      expect(dlq.result.ackAll).toBe(true);
    }
    const rows = await suite.db.select().from(deadLetters);
    expect(rows).toHaveLength(2); // two distinct message ids (each delivery above made a new one)
    expect(rows.map((r) => [r.queue, r.attempts, r.body])).toEqual([
      [FIXTURE_CHANGES_DLQ, 6, poison],
      [FIXTURE_CHANGES_DLQ, 6, poison],
    ]);
  });

  it('the same dead letter redelivered is recorded once', async () => {
    const before = (await suite.db.select().from(deadLetters)).length;
    for (let i = 0; i < 2; i++) {
      const batch = createMessageBatch(FIXTURE_CHANGES_DLQ, [{ id: 'same-letter', timestamp: new Date(), attempts: 6, body: { v: 9 } }]);
      const ctx = createExecutionContext();
      const worker = (await import('../../src/index.ts')).default;
      await worker.queue!(batch, suite.env as never);
      expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    }
    expect((await suite.db.select().from(deadLetters)).length).toBe(before + 1);
  });

  it('a message of unknown fixtures is acknowledged and publishes nothing; the watermark row is the only one per stream', async () => {
    const sport = await listen('soccer');
    const { ids, result } = await deliverBatch(FIXTURE_CHANGES_QUEUE, fixtureChangesMessages('results', [2_000_000_000], new Date()), suite.env);
    expect(result.explicitAcks).toEqual(ids);
    expect(await sport.events(0)).toEqual([]);
    expect((await suite.db.select().from(pushWatermarks)).map((r) => r.stream)).toEqual([ODDS_STREAM]);
    sport.close();
  });
});

const listen = (room: string) => joinRoom(room, suite.env);
