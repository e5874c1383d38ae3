/**
 * The limiter's prepaid leases (lib/rate-limit/lease.ts) inside workerd against the real Redis: an anonymous address
 * at the default 600 units a minute costs one Redis charge per 12 units, never gets more than one lease beyond its
 * limit, and is never refused a request that fits because of a lease; callers with an account are charged exactly.
 */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { upstashCache } from '../../src/lib/cache.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { enforceRateLimit, type LimitedCall, type LimitInput } from '../../src/lib/rate-limit/enforce.ts';
import { minuteBucketKey } from '../../src/lib/rate-limit/keys.ts';
import { LEASE_DIVISOR } from '../../src/lib/rate-limit/lease.ts';
import { TIER_LIMITS } from '../../src/lib/rate-limit/plans.ts';
import type { Principal } from '../../src/services/auth/principal.ts';
import { testEnv } from './support/fresh-db.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
const cache = () => upstashCache(testEnv.UPSTASH_REDIS_REST_URL!, testEnv.UPSTASH_REDIS_REST_TOKEN!);
const rand = () => Math.floor(Math.random() * 250) + 1;
const freshIp = () => `10.${rand()}.${rand()}.${rand()}`;
const call: LimitedCall = { procedure: { _def: { meta: { weight: 1 } } } };

/** One anonymous request of one unit from `ip` at the fixed instant `at`, as the tRPC context factory makes it. */
function request(ip: string, at: Date, perMinute?: number, principal: Principal = { kind: 'anonymous' }): LimitInput & { resHeaders: Headers } {
  return {
    headers: new Headers({ 'cf-connecting-ip': ip }),
    principal,
    calls: [call],
    resHeaders: new Headers(),
    cache: cache(),
    logger: silentLogger,
    clock: () => at,
    config: { ENVIRONMENT: 'test', RATE_LIMIT_PER_MINUTE: perMinute },
  };
}
const admitted = (input: LimitInput) =>
  enforceRateLimit(input).then(
    () => true,
    (e: unknown) => {
      if (e instanceof TRPCError && e.code === 'TOO_MANY_REQUESTS') return false;
      throw e;
    },
  );

describe.runIf(hasRedis)('limiter leases: fewer Redis round trips, the limit kept', () => {
  it('charges Redis once per lease: 13 one-unit requests at 600/min move the bucket once, the 14th again', async () => {
    const ip = freshIp();
    const at = new Date();
    const redis = cache().redis;
    const lease = TIER_LIMITS.anonymous.perMinute / LEASE_DIVISOR; // 12
    const interval = 60_000 / TIER_LIMITS.anonymous.perMinute; // ms per unit
    const tat = async () => Number(await redis.get<string>(minuteBucketKey(`ip:4:${ip}`)));
    // The limiter loads its script into Redis on first use (EVALSHA → EVAL): do that first, on another address, so
    // every charge below is one round trip well within the limiter's 200 ms bound (it would fail open otherwise).
    expect(await admitted(request(freshIp(), at))).toBe(true);
    expect(await admitted(request(ip, at))).toBe(true);
    const first = await tat();
    expect(first).toBe(at.getTime() + (1 + lease) * interval); // the request and its lease, in one charge
    for (let i = 0; i < lease; i++) expect(await admitted(request(ip, at))).toBe(true);
    expect(await tat()).toBe(first); // the lease served them: Redis untouched
    expect(await admitted(request(ip, at))).toBe(true);
    expect(await tat()).toBe(first + (1 + lease) * interval);
  });

  it('never admits more than the limit plus one lease in a minute, and refuses the rest with 429', async () => {
    const ip = freshIp();
    const at = new Date(); // a frozen clock: nothing refills
    const perMinute = 100; // lease of 2
    let yes = 0;
    for (let i = 0; i < 130; i++) if (await admitted(request(ip, at, perMinute))) yes++;
    expect(yes).toBeGreaterThanOrEqual(perMinute - perMinute / LEASE_DIVISOR); // leases never refuse what fits
    expect(yes).toBeLessThanOrEqual(perMinute + perMinute / LEASE_DIVISOR);
  });

  it('charges a caller with an account exactly, request by request (its quota and meter must be exact)', async () => {
    const at = new Date();
    const redis = cache().redis;
    const user = { id: crypto.randomUUID(), email: 'l@example.com', role: 'user' as const, plan: 'pro' as const };
    const interval = 60_000 / TIER_LIMITS.pro.perMinute;
    const principal: Principal = { kind: 'session', user, sessionId: 's', viaCookie: false };
    for (let i = 1; i <= 3; i++) {
      expect(await admitted(request(freshIp(), at, undefined, principal))).toBe(true);
      expect(Number(await redis.get<string>(minuteBucketKey(`user:${user.id}`)))).toBe(at.getTime() + i * interval);
    }
  });
});
