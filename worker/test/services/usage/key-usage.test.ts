/**
 * The usage verb against real Postgres (the account's keys) and the real Redis (what the rate limiter metered): each
 * key's calls, units and refusals per UTC day, the account's units against its plan's daily quota, nothing of another
 * account's keys, and a plain "not metered" answer without a cache tier.
 */
import { insertApiKey, insertUser } from '@fairline/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../src/context.ts';
import { upstashCache } from '../../../src/lib/cache.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { charge } from '../../../src/lib/rate-limit/charge.ts';
import { TIER_LIMITS } from '../../../src/lib/rate-limit/plans.ts';
import { keyUsage } from '../../../src/services/usage/key-usage.ts';

const stack = inject('stack');
let fresh: FreshDb;
let ctx: Ctx;
beforeAll(async () => {
  fresh = await freshDatabase(stack);
  const cache = stack.upstashUrl ? upstashCache(stack.upstashUrl, stack.upstashToken!) : null;
  ctx = { db: fresh.db, read: fresh.db, cache, clock: () => new Date(), logger: silentLogger, fetch };
});
afterAll(async () => {
  await fresh?.drop();
});

async function accountWithKeys(email: string, names: string[]) {
  return fresh.db.transaction(async (tx) => {
    const user = (await insertUser(tx, { email, passwordHash: 'x', plan: 'pro' }))!;
    const keys = [];
    for (const [i, name] of names.entries()) {
      keys.push(await insertApiKey(tx, { userId: user.id, name, prefix: `p${i}${email.length}`, hash: `${email}-${i}`, scopes: ['read:markets'], expiresAt: null, now: new Date(Date.now() - (names.length - i) * 1000) }));
    }
    return { user, keys };
  });
}

describe.runIf(Boolean(stack.upstashUrl))('apiKeys.usage (keyUsage)', () => {
  it("answers each of the owner's keys per day, today's units against the quota, and nothing of other accounts", async () => {
    const { user, keys } = await accountWithKeys('owner@example.com', ['server', 'laptop']);
    const other = await accountWithKeys('other@example.com', ['theirs']);
    const [server, laptop] = keys as [(typeof keys)[0], (typeof keys)[0]];
    const now = new Date();
    const bill = (keyId: string, userId: string, cost: number, calls: number, perMinute = TIER_LIMITS.pro.perMinute) =>
      charge(ctx.cache!.redis, { identity: `key:${keyId}`, account: `user:${userId}`, keyId, limits: { perMinute, perDay: TIER_LIMITS.pro.perDay }, cost, calls, now });
    expect((await bill(server.id, user.id, 7, 3)).admitted).toBe(true);
    expect((await bill(server.id, user.id, 5, 1)).admitted).toBe(true);
    expect((await bill(laptop.id, user.id, 2, 2)).admitted).toBe(true);
    // A refusal (a bucket of 1 unit a minute cannot take 2) is counted, not charged.
    expect((await bill(laptop.id, user.id, 2, 2, 1)).admitted).toBe(false);
    await bill(other.keys[0]!.id, other.user.id, 4, 4);

    const usage = await keyUsage({ ctx, input: { userId: user.id, plan: 'pro', days: 2 } });
    const today = now.toISOString().slice(0, 10);
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(usage.plan).toBe('pro');
    expect(usage.limits).toEqual(TIER_LIMITS.pro);
    expect(usage.today).toEqual({ date: today, units: 14, remaining: TIER_LIMITS.pro.perDay! - 14 });
    expect(usage.metered).toBe(true);
    expect(usage.keys.map((k) => [k.name, k.revoked, k.days])).toEqual([
      ['laptop', false, [{ date: today, calls: 2, units: 2, refused: 2 }, { date: yesterday, calls: 0, units: 0, refused: 0 }]],
      ['server', false, [{ date: today, calls: 4, units: 12, refused: 0 }, { date: yesterday, calls: 0, units: 0, refused: 0 }]],
    ]);
  });

  it('rejects a range outside 1–31 days', async () => {
    await expect(keyUsage({ ctx, input: { userId: crypto.randomUUID(), plan: 'free', days: 32 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('keyUsage without a cache tier', () => {
  it('answers the plan and its limits, zero use, and metered: false', async () => {
    const { user } = await accountWithKeys('nocache@example.com', ['only']);
    const usage = await keyUsage({ ctx: { ...ctx, cache: null }, input: { userId: user.id, plan: 'free' } });
    expect(usage).toMatchObject({ plan: 'free', limits: TIER_LIMITS.free, today: { units: 0, remaining: TIER_LIMITS.free.perDay }, metered: false });
    expect(usage.keys).toEqual([{ keyId: expect.any(String), name: 'only', prefix: expect.any(String), revoked: false, days: [{ date: expect.any(String), calls: 0, units: 0, refused: 0 }] }]);
  });
});
