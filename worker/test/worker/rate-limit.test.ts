/**
 * Rate limits, quotas and the batch cap, inside workerd against the real Redis (the test stack's redis-server
 * behind the Upstash shim): through the worker's HTTP path for anonymous callers, and through the limiter itself
 * (enforceRateLimit, what the tRPC context factory calls) for API keys and sessions, whose plans' real limits are
 * reached with heavy fake calls rather than hundreds of requests.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstashCache } from '../../src/lib/cache.ts';
import { silentLogger, type Logger } from '../../src/lib/logger.ts';
import { dailyQuotaKey, keyUsageKey, utcDay } from '../../src/lib/rate-limit/keys.ts';
import { enforceRateLimit, type LimitedCall, type LimitInput } from '../../src/lib/rate-limit/enforce.ts';
import { MAX_BATCH_CALLS, TIER_LIMITS } from '../../src/lib/rate-limit/plans.ts';
import type { AuthUser, Principal } from '../../src/services/auth/principal.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';
import { callWorker } from './support/worker-http.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
let suite: SuiteDb;
beforeAll(async () => {
  suite = await suiteDatabase();
});
afterAll(async () => {
  await suite?.drop();
});

/** A unique client address per test, so tests never share a bucket. */
const freshIp = () => `10.${rand()}.${rand()}.${rand()}`;
const rand = () => Math.floor(Math.random() * 250) + 1;

/** GET /trpc/<paths> as a batch of `paths.length` calls (or a single call) from `ip`. */
async function trpcGet(env: object, paths: string[], ip: string | null) {
  const batch = paths.length > 1;
  const input = batch ? Object.fromEntries(paths.map((_, i) => [i, {}])) : {};
  const url = `http://api.test/trpc/${paths.join(',')}?${batch ? 'batch=1&' : ''}input=${encodeURIComponent(JSON.stringify(input))}`;
  return callWorker(new Request(url, { headers: ip ? { 'cf-connecting-ip': ip } : {} }), env);
}
const health = (n: number) => Array.from({ length: n }, () => 'system.health');

describe.runIf(hasRedis)('batches: every call counts, at most 20 per request', () => {
  it('refuses a 200-call batch with 400 and a clear message before anything runs (nothing is charged)', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '30' };
    const ip = freshIp();
    const res = await trpcGet(env, health(200), ip);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { message: string; data: { code: string } } } }[];
    expect(body[0]!.error.json.data.code).toBe('BAD_REQUEST');
    expect(body[0]!.error.json.message).toBe(`a batch may hold at most ${MAX_BATCH_CALLS} calls and this one has 200: split it into several requests`);
    // Nothing was spent: a full batch of 20 still fits this address's 30 units.
    expect((await trpcGet(env, health(MAX_BATCH_CALLS), ip)).status).toBe(200);
    expect((await trpcGet(env, health(MAX_BATCH_CALLS + 1), ip)).status).toBe(400);
  });

  it('charges every call of a batch: two batches of 3 do not fit 5 units a minute', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '5' };
    const ip = freshIp();
    const first = await trpcGet(env, health(3), ip);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    const second = await trpcGet(env, health(3), ip);
    expect(second.status).toBe(429);
    const body = (await second.json()) as { error: { json: { message: string; data: { code: string } } } }[];
    expect(body).toHaveLength(3);
    expect(body[0]!.error.json.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body[0]!.error.json.message).toMatch(/^rate limit of 5 units per minute exceeded \(anonymous\); retry in \d+ s$/);
  });
});

describe.runIf(hasRedis)('anonymous callers: one bucket per client address', () => {
  it('limits per address, never pooled; 429 carries Retry-After (when the request would be admitted)', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '3' };
    const [a, b] = [freshIp(), freshIp()];
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await trpcGet(env, health(1), a)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const blocked = await trpcGet(env, health(1), a);
    expect(blocked.status).toBe(429);
    // 3 units a minute refill one every 20 s: the next unit is at most 20 s away.
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(15);
    expect(retry).toBeLessThanOrEqual(20);
    // Another address is unaffected.
    expect((await trpcGet(env, health(1), b)).status).toBe(200);
  });

  it('groups IPv6 addresses by /64: a new address in the same /64 shares the bucket, another /64 does not', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '2' };
    const net = `2001:db8:${rand().toString(16)}:${rand().toString(16)}`;
    expect((await trpcGet(env, health(1), `${net}::1`)).status).toBe(200);
    expect((await trpcGet(env, health(1), `${net}:0:0:0:2`)).status).toBe(200);
    expect((await trpcGet(env, health(1), `${net}:ffff:ffff:ffff:ffff`)).status).toBe(429);
    expect((await trpcGet(env, health(1), `${net}:1::1`.replace(/:[0-9a-f]+:1::1$/, `:${(rand() + 300).toString(16)}::1`))).status).toBe(200);
  });

  it('in production refuses a request without a client address (400), in test lets the local address stand in', async () => {
    const production = { ...suite.env, ENVIRONMENT: 'production', METRICS_TOKEN: 'm' };
    const refused = await trpcGet(production, health(1), null);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toMatch(/no client address \(cf-connecting-ip\)/);
    expect((await trpcGet(production, health(1), freshIp())).status).toBe(200);
    expect((await trpcGet(production, health(1), 'not-an-ip')).status).toBe(400);
    expect((await trpcGet(suite.env, health(1), null)).status).toBe(200);
  });
});

// Keys and sessions: the limiter called as the tRPC context factory calls it, with real plan limits.
const cache = () => upstashCache(testEnv.UPSTASH_REDIS_REST_URL!, testEnv.UPSTASH_REDIS_REST_TOKEN!);
const user = (plan: AuthUser['plan']): AuthUser => ({ id: crypto.randomUUID(), email: 'p@example.com', role: 'user', plan });
const keyOf = (u: AuthUser, keyId = crypto.randomUUID()): Principal => ({ kind: 'apiKey', user: u, keyId, scopes: ['read:markets'] });
/** Fake calls whose weights add up to `units` (at most 20 calls). */
const callsWorth = (units: number, calls = 1): LimitedCall[] =>
  Array.from({ length: calls }, () => ({ procedure: { _def: { meta: { weight: units / calls } } } }));

function limitInput(principal: Principal, calls: LimitedCall[], over: Partial<LimitInput> = {}): LimitInput & { resHeaders: Headers } {
  return {
    headers: new Headers(),
    principal,
    calls,
    resHeaders: new Headers(),
    cache: cache(),
    logger: silentLogger,
    clock: () => new Date(),
    config: { ENVIRONMENT: 'test', RATE_LIMIT_PER_MINUTE: undefined },
    ...over,
  };
}

async function refusal(input: LimitInput): Promise<TRPCError | null> {
  try {
    await enforceRateLimit(input);
    return null;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
}

describe.runIf(hasRedis)('API keys and sessions: per-minute per identity, daily quota per account, usage per key', () => {
  it('keeps each key and each session in its own per-minute bucket', async () => {
    const u = user('free');
    const [k1, k2] = [keyOf(u), keyOf(u)];
    const minute = TIER_LIMITS.free.perMinute;
    expect(await refusal(limitInput(k1, callsWorth(minute, 2)))).toBeNull();
    const refused = limitInput(k1, callsWorth(1));
    const err = await refusal(refused);
    expect(err?.code).toBe('TOO_MANY_REQUESTS');
    expect(err?.message).toMatch(new RegExp(`^rate limit of ${minute} units per minute exceeded \\(free\\)`));
    expect(Number(refused.resHeaders.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The same user's other key and its session are other identities.
    expect(await refusal(limitInput(k2, callsWorth(1)))).toBeNull();
    expect(await refusal(limitInput({ kind: 'session', user: u, sessionId: 's', viaCookie: false }, callsWorth(1)))).toBeNull();
    // The pro plan's rate is ten times free's.
    expect(await refusal(limitInput(keyOf(user('pro')), callsWorth(minute * 2, 2)))).toBeNull();
  });

  it('stops an account at its daily quota until 00:00 UTC, and meters each key per day', async () => {
    const u = user('free');
    const key = keyOf(u);
    const redis = cache().redis;
    const day = utcDay(new Date());
    const quota = TIER_LIMITS.free.perDay!;
    await redis.set(dailyQuotaKey(`user:${u.id}`, day), quota - 3, { ex: 60 });
    expect(await refusal(limitInput(key, callsWorth(3, 3)))).toBeNull();
    const refused = limitInput(key, callsWorth(1));
    const err = await refusal(refused);
    expect(err?.code).toBe('TOO_MANY_REQUESTS');
    expect(err?.message).toMatch(new RegExp(`^daily quota of ${quota} units used up \\(plan free\\); it resets at 00:00 UTC`));
    const now = new Date();
    const toMidnight = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
    expect(Math.abs(Number(refused.resHeaders.get('retry-after')) - toMidnight)).toBeLessThan(5);
    // The quota is the account's: another key of the same user is refused too; another user is not.
    expect((await refusal(limitInput(keyOf(u), callsWorth(1))))?.code).toBe('TOO_MANY_REQUESTS');
    expect(await refusal(limitInput(keyOf(user('free')), callsWorth(1)))).toBeNull();
    // The meter: 3 calls (3 units) admitted, 1 refused.
    const usage = await redis.hgetall(keyUsageKey((key as { keyId: string }).keyId, day));
    expect(usage).toEqual({ calls: 3, units: 3, refused: 1 });
  });

  it('charges by weight: a call of weight 5 costs five calls of weight 1', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '9' };
    const headers = new Headers({ 'cf-connecting-ip': freshIp() });
    const anonymous: Principal = { kind: 'anonymous' };
    const config = { ENVIRONMENT: 'test' as const, RATE_LIMIT_PER_MINUTE: Number(env.RATE_LIMIT_PER_MINUTE) };
    expect(await refusal(limitInput(anonymous, callsWorth(5), { headers, config }))).toBeNull();
    const second = limitInput(anonymous, callsWorth(5), { headers, config });
    expect((await refusal(second))?.code).toBe('TOO_MANY_REQUESTS');
    expect(second.resHeaders.get('x-ratelimit-remaining')).toBe('4');
  });
});

describe('a slow or unreachable Redis: the limiter fails open, fast, and says so', () => {
  function recordingLogger() {
    const lines: string[] = [];
    const logger: Logger = { info() {}, warn: (m) => void lines.push(m), error: (m) => void lines.push(m) };
    return { logger, lines };
  }

  it('lets the request through within ~300 ms when Redis accepts the connection and never answers', async () => {
    const { logger, lines } = recordingLogger();
    const hanging = upstashCache(testEnv.TEST_SILENT_URL, 'x');
    const t0 = performance.now();
    await expect(enforceRateLimit(limitInput(keyOf(user('free')), callsWorth(1), { cache: hanging, logger }))).resolves.toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(300);
    // Logged once; the next failures within 10 s only add to a count.
    expect(lines.length).toBeLessThanOrEqual(1);
  });

  it('answers an anonymous HTTP request within ~300 ms beyond the call itself when Redis hangs, and when it refuses connections', async () => {
    for (const url of [testEnv.TEST_SILENT_URL, 'http://127.0.0.1:9']) {
      const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '1', UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: 'x' };
      // system.health also pings Redis (bounded by the same timeout): time a fixture read instead.
      const t0 = performance.now();
      const ip = freshIp();
      for (let i = 0; i < 2; i++) {
        const res = await callWorker(new Request(`http://api.test/trpc/fixtures.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`, { headers: { 'cf-connecting-ip': ip } }), env);
        expect(res.status).toBe(200);
      }
      expect(performance.now() - t0).toBeLessThan(2 * 300 + 1000);
    }
  });
});
