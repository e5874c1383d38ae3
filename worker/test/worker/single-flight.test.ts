/**
 * Single-flight of expensive computations (lib/read-cache/single-flight.ts, LoadedModels), inside workerd against
 * the real Redis and Postgres: N concurrent cold calls in two "isolates" (two single-flight groups, as two isolates
 * have) compute once; a Redis that is down still answers (uncoordinated); concurrent first loads of a model version
 * read and load it once.
 */
import { modelVersions } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstashCache } from '../../src/lib/cache.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createSingleFlight } from '../../src/lib/read-cache/single-flight.ts';
import { loadConfig } from '../../src/env.ts';
import { buildCtx } from '../../src/runtime.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { LoadedModels } from '../../src/services/models/registry.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
const redis = () => upstashCache(testEnv.UPSTASH_REDIS_REST_URL!, testEnv.UPSTASH_REDIS_REST_TOKEN!);

/** A slow computation (a model fit) that counts its runs. */
function fit(ms: number) {
  const f = { runs: 0, compute: async () => {
    f.runs++;
    await new Promise((r) => setTimeout(r, ms));
    return { grid: [0.2, 0.3, 0.5], run: f.runs };
  } };
  return f;
}

describe.runIf(hasRedis)('single-flight: one fit for a cold stampede', () => {
  it('computes once for 2 × 10 concurrent cold calls in two isolates, and every caller gets that result', async () => {
    const key = `test:fit:${crypto.randomUUID()}`;
    const f = fit(300);
    const [isolateA, isolateB] = [createSingleFlight(), createSingleFlight()];
    const ctx = { cache: redis(), logger: silentLogger };
    const calls = [isolateA, isolateB].flatMap((flight) => Array.from({ length: 10 }, () => flight(ctx, { key, ttlSeconds: 30, compute: f.compute })));
    const results = await Promise.all(calls);
    expect(f.runs).toBe(1);
    for (const r of results) expect(r).toEqual({ grid: [0.2, 0.3, 0.5], run: 1 });
    // Warm: served from Redis without computing, by a third isolate.
    expect(await createSingleFlight()(ctx, { key, ttlSeconds: 30, compute: f.compute })).toEqual({ grid: [0.2, 0.3, 0.5], run: 1 });
    expect(f.runs).toBe(1);
  });

  it('when the lock holder fails, a waiter computes instead of waiting out its time', async () => {
    const key = `test:fit:${crypto.randomUUID()}`;
    const ctx = { cache: redis(), logger: silentLogger };
    const failing = async () => {
      await new Promise((r) => setTimeout(r, 100));
      throw new Error('fit failed');
    };
    const f = fit(10);
    const [a, b] = [createSingleFlight(), createSingleFlight()];
    const holder = a(ctx, { key, ttlSeconds: 30, compute: failing });
    await new Promise((r) => setTimeout(r, 30)); // the holder has the lock
    const t0 = Date.now();
    const waiter = b(ctx, { key, ttlSeconds: 30, compute: f.compute, waitMs: 5_000 });
    await expect(holder).rejects.toThrow('fit failed');
    expect((await waiter).run).toBe(1);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('still answers when Redis is down (each isolate computes for itself, once)', async () => {
    const ctx = { cache: upstashCache('http://127.0.0.1:9', 'token'), logger: silentLogger };
    const f = fit(50);
    const flight = createSingleFlight();
    const results = await Promise.all(Array.from({ length: 5 }, () => flight(ctx, { key: `test:fit:${crypto.randomUUID().slice(0, 4)}x`, ttlSeconds: 30, compute: f.compute })));
    expect(results).toHaveLength(5);
    const same = await Promise.all(Array.from({ length: 5 }, () => flight(ctx, { key: 'test:fit:down', ttlSeconds: 30, compute: f.compute })));
    expect(new Set(same.map((r) => r.run)).size).toBe(1);
  });
});

describe('LoadedModels: one read and load for concurrent first requests', () => {
  let suite: SuiteDb;
  beforeAll(async () => {
    suite = await suiteDatabase();
    await seedSimulatedData(suite.db, Date.now());
  });
  afterAll(async () => {
    await suite?.drop();
  });

  it('loads a version once for 20 concurrent gets, and answers every one', async () => {
    const [v] = await suite.db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.status, 'active')).limit(1);
    let parsed = 0;
    const models = new LoadedModels((artifact) => {
      parsed++;
      return { artifact };
    });
    const built = buildCtx(loadConfig(suite.env), silentLogger);
    try {
      const all = await Promise.all(Array.from({ length: 20 }, () => models.get(built.ctx.read, v!.id)));
      expect(models.loads).toBe(1);
      expect(parsed).toBe(1);
      expect(new Set(all).size).toBe(1);
      // A version that does not exist is remembered as broken (one read), not retried per request.
      const missing = await Promise.all([models.get(built.ctx.read, 999_999), models.get(built.ctx.read, 999_999)]);
      expect(missing[0]).toEqual({ broken: 'model version 999999 not found' });
      expect(models.loads).toBe(2);
    } finally {
      await built.dispose();
    }
  });
});
