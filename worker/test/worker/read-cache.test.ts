/**
 * The read cache (lib/read-cache) inside workerd against the real Redis (the test stack's redis-server behind the
 * Upstash shim): hit, miss and stale-while-revalidate with a controlled clock; errors never cached; one computation
 * for concurrent cold calls; Redis down → served uncached; and, through the worker's HTTP path on a seeded suite
 * database, a moved price invisible while cached and visible after `invalidateFixtures`.
 */
import { bookmakers, fixtures, modelVersions, oddsSightings, oddsSnapshots } from '@fairline/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extendsInvocations } from '../../src/lib/background.ts';
import { upstashCache } from '../../src/lib/cache.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { bumpGenerations, currentGenerations, GENERATION_CHECK_MS, GENERATION_SCOPES, generationKey, REFRESH_AHEAD_MS } from '../../src/lib/read-cache/generations.ts';
import { readThrough, type ReadPolicy } from '../../src/lib/read-cache/read-through.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { invalidateFixtures } from '../../src/services/cache/invalidate.ts';
import { bearer, freshIp, trpcRaw } from './support/auth.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
const redis = () => upstashCache(testEnv.UPSTASH_REDIS_REST_URL!, testEnv.UPSTASH_REDIS_REST_TOKEN!);

/** A procedure name no other test uses (the memory tier is shared by the isolate). */
const freshProcedure = () => `test.read-${crypto.randomUUID()}`;

/** A computation that counts its calls and answers `n` (the call number), after `ms`. */
function counter(ms = 0) {
  const c = {
    calls: 0,
    fail: false,
    compute: async () => {
      const n = ++c.calls;
      if (ms) await new Promise((r) => setTimeout(r, ms));
      if (c.fail) throw new Error('compute failed');
      return { n, at: new Date(1_700_000_000_000 + n) };
    },
  };
  return c;
}

describe.runIf(hasRedis)('readThrough: memory + Cache API, stale-while-revalidate, per generation', () => {
  const policy: ReadPolicy = { scope: 'soccer', freshMs: 1_000, staleMs: 5_000 };

  it('computes on a miss, then serves the hit without computing; equal inputs in another key order share it', async () => {
    const cache = redis();
    const procedure = freshProcedure();
    const c = counter();
    const read = (input: unknown) => readThrough({ cache, logger: silentLogger, procedure, input, policy, compute: c.compute });
    const first = await read({ a: 1, b: [1, 2] });
    expect(first.n).toBe(1);
    expect(await read({ b: [1, 2], a: 1 })).toEqual(first);
    expect(c.calls).toBe(1);
    // Another input is another entry.
    expect((await read({ a: 2, b: [1, 2] })).n).toBe(2);
    // Dates survive (superjson in the edge tier; the object itself in memory).
    expect((await read({ a: 1, b: [1, 2] })).at).toBeInstanceOf(Date);
  });

  it('serves a stale entry at once and refreshes it in the background; past the stale bound it computes first', async () => {
    const cache = redis();
    const procedure = freshProcedure();
    const c = counter(50);
    let t = Date.now();
    const read = () => readThrough({ cache, logger: silentLogger, procedure, input: null, policy, compute: c.compute, now: () => t });
    expect((await read()).n).toBe(1);
    t += 1_500; // past fresh, within stale
    const t0 = performance.now();
    expect((await read()).n).toBe(1); // the stale answer, without waiting for the 50 ms computation
    expect(performance.now() - t0).toBeLessThan(45);
    expect((await read()).n).toBe(1); // one refresh per entry, not one per request
    await vi.waitFor(() => expect(c.calls).toBe(2), { timeout: 2_000 });
    await vi.waitFor(async () => expect((await read()).n).toBe(2), { timeout: 2_000 });
    t += 10_000; // past the stale bound: never served
    expect((await read()).n).toBe(3);
  });

  it('hands background refreshes to the runtime (waitUntil from cloudflare:workers), so they outlive the answer', async () => {
    expect(await extendsInvocations()).toBe(true);
  });

  it('never caches an error', async () => {
    const cache = redis();
    const procedure = freshProcedure();
    const c = counter();
    c.fail = true;
    const read = () => readThrough({ cache, logger: silentLogger, procedure, input: 1, policy, compute: c.compute });
    await expect(read()).rejects.toThrow('compute failed');
    c.fail = false;
    expect((await read()).n).toBe(2);
    expect((await read()).n).toBe(2);
  });

  it('computes once for concurrent cold calls in the isolate', async () => {
    const cache = redis();
    const procedure = freshProcedure();
    const c = counter(100);
    const answers = await Promise.all(Array.from({ length: 20 }, () => readThrough({ cache, logger: silentLogger, procedure, input: 'x', policy, compute: c.compute })));
    expect(c.calls).toBe(1);
    expect(new Set(answers.map((a) => a.n))).toEqual(new Set([1]));
  });

  it('computes again after an invalidation of its scope (at once in this isolate), not after one of another sport', async () => {
    const cache = redis();
    const procedure = freshProcedure();
    const c = counter();
    const ctx = { cache, logger: silentLogger };
    const read = () => readThrough({ cache, logger: silentLogger, procedure, input: 7, policy, compute: c.compute });
    expect((await read()).n).toBe(1);
    await invalidateFixtures({ ctx, input: { fixtureIds: [7], sports: ['nfl'] } });
    expect((await read()).n).toBe(1);
    await invalidateFixtures({ ctx, input: { fixtureIds: [7], sports: ['soccer'] } });
    expect((await read()).n).toBe(2);
  });

  it('re-reads tokens that are REFRESH_AHEAD_MS old in the background while serving them, and never puts back tokens older than its own bump', async () => {
    // A cache of its own (the isolate's token state is per cache object) that counts the token reads.
    const real = redis();
    let reads = 0;
    const cache = { ...real, redis: new Proxy(real.redis, { get: (t, k) => (k === 'mget' && reads++, Reflect.get(t, k)) }) };
    const before = await currentGenerations(cache);
    expect(before).not.toBeNull();
    const readsBefore = reads;
    // Another isolate invalidates nfl (straight in Redis: this isolate's view does not know yet).
    const elsewhere = crypto.randomUUID();
    await cache.redis.set(generationKey('nfl'), elsewhere);
    // Past the refresh-ahead age but inside the check interval: the tokens held are answered without waiting for Redis…
    const aged = await currentGenerations(cache, Date.now() + REFRESH_AHEAD_MS + 10);
    expect(aged?.nfl).toBe(before!.nfl);
    expect(reads).toBe(readsBefore + 1); // the background read started with that call
    // …and the background read brings the other isolate's token in soon after, with no request having waited for it.
    await vi.waitFor(async () => expect((await currentGenerations(cache))?.nfl).toBe(elsewhere), { timeout: 2_000, interval: 20 });
    // A read already in flight when this isolate bumps a scope must not restore the token the bump replaced.
    const inFlight = currentGenerations(cache, Date.now() + GENERATION_CHECK_MS + 10);
    await bumpGenerations(cache, ['soccer']);
    const bumped = (await currentGenerations(cache))!.soccer;
    await inFlight;
    expect((await currentGenerations(cache))!.soccer).toBe(bumped);
    expect(bumped).toBe(await cache.redis.get<string>(generationKey('soccer')));
  });

  it('serves uncached, without failing, when Redis is unreachable', async () => {
    const down = upstashCache('http://127.0.0.1:9', 'token');
    const procedure = freshProcedure();
    const c = counter();
    const read = () => readThrough({ cache: down, logger: silentLogger, procedure, input: 1, policy, compute: c.compute });
    expect((await read()).n).toBe(1);
    expect((await read()).n).toBe(2);
    expect((await read()).n).toBe(3);
  });
});

describe.runIf(hasRedis)('soccer.fairPrices over HTTP: cached, and a moved price visible after invalidateFixtures', () => {
  let suite: SuiteDb;
  beforeAll(async () => {
    suite = await suiteDatabase();
    await seedSimulatedData(suite.db, Date.now());
  });
  afterAll(async () => {
    await suite?.drop();
  });

  it('serves the cached answer until the pipeline invalidates the fixture, then the new price', async () => {
    const [next] = await suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
    const [sim] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    const headers = { 'cf-connecting-ip': freshIp() };
    const fair = async () => {
      const r = await trpcRaw<{ quotes: { bookmaker: string; prices: { home: number } }[] }>(suite.env, 'soccer.fairPrices', { input: { fixtureId: next!.id }, headers });
      expect(r.status).toBe(200);
      return r.data!.quotes.find((q) => q.bookmaker === 'sim_book')!.prices.home;
    };
    const before = await fair();

    // As the live feed records a move: a new home price, the book's unchanged prices seen again at this update.
    const [old] = await suite.db.select().from(oddsSnapshots)
      .where(and(eq(oddsSnapshots.fixtureId, next!.id), eq(oddsSnapshots.bookmakerId, sim!.id), eq(oddsSnapshots.market, '1x2'), eq(oddsSnapshots.selection, 'home')))
      .orderBy(desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id)).limit(1);
    const at = new Date(Math.max(Date.now(), old!.capturedAt.getTime() + 60_000));
    const moved = Math.round((before + 0.37) * 100) / 100;
    await suite.db.insert(oddsSnapshots).values({ ...old!, id: undefined, price: moved, capturedAt: at });
    const unchanged = await suite.db.selectDistinctOn([oddsSnapshots.selection], { id: oddsSnapshots.id }).from(oddsSnapshots)
      .where(and(eq(oddsSnapshots.fixtureId, next!.id), eq(oddsSnapshots.bookmakerId, sim!.id), eq(oddsSnapshots.market, '1x2'), inArray(oddsSnapshots.selection, ['draw', 'away'])))
      .orderBy(oddsSnapshots.selection, desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id));
    await suite.db.insert(oddsSightings).values(unchanged.map((r) => ({ snapshotId: r.id, seenAt: at })))
      .onConflictDoUpdate({ target: oddsSightings.snapshotId, set: { seenAt: at } });

    // Cached: the answer does not change by itself within the fresh bound.
    expect(await fair()).toBe(before);
    await invalidateFixtures({ ctx: { cache: redis(), logger: silentLogger }, input: { fixtureIds: [next!.id], sports: ['soccer'] } });
    // Another isolate sees the new generation within GENERATION_CHECK_MS.
    await new Promise((r) => setTimeout(r, GENERATION_CHECK_MS + 100));
    expect(await fair()).toBeCloseTo(moved, 9);
  });

  it('invalidates every cached answer when an operator changes the model registry (admin.models.*)', async () => {
    const tokens = () => redis().redis.mget<string[]>(...GENERATION_SCOPES.map(generationKey));
    // Some answer cached first, so the generations exist.
    expect((await trpcRaw(suite.env, 'fixtures.competitions', { headers: { 'cf-connecting-ip': freshIp() } })).status).toBe(200);
    const before = await tokens();
    const [active] = await suite.db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.status, 'active')).limit(1);
    const r = await trpcRaw(suite.env, 'admin.models.activate', { type: 'mutation', input: { id: active!.id }, headers: bearer(testEnv.ADMIN_TOKEN) });
    expect(r.status).toBe(200);
    const after = await tokens();
    GENERATION_SCOPES.forEach((_, i) => expect(after[i]).not.toBe(before[i]));
  });
});
