/**
 * What an account has spent on the API, for its owner (`apiKeys.usage`, the account page): the plan and its limits,
 * today's units against the daily quota, and per API key per UTC day the calls, units and refused calls the rate
 * limiter metered in Redis (lib/rate-limit/charge.ts). Usage lives only in Redis, for USAGE_RETENTION_SECONDS.
 */
import { apiKeysOf, type Plan } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { dailyQuotaKey, keyUsageKey, utcDay } from '../../lib/rate-limit/keys.ts';
import { TIER_LIMITS, type TierLimits } from '../../lib/rate-limit/plans.ts';

const DAY_MS = 86_400_000;

/** Input of `apiKeys.usage`: `days`, how many UTC days back from today (1–31, default 1 = today only). */
export const keyUsageInput = z.object({ days: z.number().int().min(1).max(31).default(1) });

/** One key's metered use on one UTC day. Units are calls weighted by the procedure (lib/rate-limit/plans.ts). */
export interface KeyUsageDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  calls: number;
  units: number;
  /** Calls turned away by the per-minute limit or the daily quota. */
  refused: number;
}

/** One of the account's keys (revoked ones too: their past use still counts) and its days, newest first. */
export interface KeyUsage {
  keyId: string;
  name: string;
  prefix: string;
  revoked: boolean;
  days: KeyUsageDay[];
}

/** The account's usage: plan, limits, today's quota, per-key days. `metered` is false without a Redis (no limits). */
export interface AccountUsage {
  plan: Plan;
  limits: TierLimits;
  today: { date: string; units: number; remaining: number | null };
  keys: KeyUsage[];
  metered: boolean;
}

/**
 * The usage of user `userId` on plan `plan` over the last `days` UTC days (today first). One Redis pipeline reads the
 * quota counter and every key-day hash; UNAVAILABLE when Redis does not answer.
 */
export async function keyUsage({ ctx, input }: { ctx: Ctx; input: { userId: string; plan: Plan; days?: number } }): Promise<AccountUsage> {
  const parsed = keyUsageInput.safeParse({ days: input.days });
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid usage query: days ${parsed.error.issues[0]?.message}`);
  const { days } = parsed.data;
  const now = ctx.clock();
  const dates = Array.from({ length: days }, (_, i) => utcDay(new Date(now.getTime() - i * DAY_MS)));
  const limits = TIER_LIMITS[input.plan];
  const keys = await apiKeysOf(ctx.read, input.userId);
  const empty = (date: string): KeyUsageDay => ({ date, calls: 0, units: 0, refused: 0 });
  const rows = (metered: (keyId: string, date: string) => KeyUsageDay) =>
    keys.map((k) => ({ keyId: k.id, name: k.name, prefix: k.prefix, revoked: k.revokedAt !== null, days: dates.map((d) => metered(k.id, d)) }));
  if (!ctx.cache) {
    return { plan: input.plan, limits, today: { date: dates[0]!, units: 0, remaining: limits.perDay }, keys: rows((_, d) => empty(d)), metered: false };
  }
  const pipe = ctx.cache.redis.pipeline();
  pipe.get<number>(dailyQuotaKey(`user:${input.userId}`, dates[0]!));
  for (const k of keys) for (const d of dates) pipe.hgetall<Record<string, number>>(keyUsageKey(k.id, d));
  const replies = await pipe.exec().catch((err: unknown) => {
    ctx.logger.warn('usage unavailable: redis', { error: String(err) });
    throw new AppError('UNAVAILABLE', 'usage is unavailable right now; try again shortly');
  });
  const used = Number(replies[0] ?? 0);
  let at = 1;
  const byKeyDay = new Map<string, KeyUsageDay>();
  for (const k of keys) {
    for (const d of dates) {
      const h = replies[at++] as Record<string, number | string> | null;
      byKeyDay.set(`${k.id} ${d}`, { date: d, calls: Number(h?.calls ?? 0), units: Number(h?.units ?? 0), refused: Number(h?.refused ?? 0) });
    }
  }
  return {
    plan: input.plan,
    limits,
    today: { date: dates[0]!, units: used, remaining: limits.perDay === null ? null : Math.max(0, limits.perDay - used) },
    keys: rows((id, d) => byKeyDay.get(`${id} ${d}`)!),
    metered: true,
  };
}
