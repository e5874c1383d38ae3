/**
 * Charging one request against Redis in ONE atomic script (one round trip): the identity's per-minute token bucket,
 * then the account's daily quota, then the key's usage meter. A refused request spends nothing (it is only counted
 * as `refused` on the key's meter).
 *
 * The per-minute bucket is GCRA, the generic cell rate algorithm (ITU-T I.371; as in redis-cell and Stripe's
 * limiter): one stored number per identity, the "theoretical arrival time" `tat` in epoch ms. A request costing
 * `n` units is admitted when `max(tat, now) + n·T − 60 s ≤ now` (T = 60 s / perMinute), so a full minute's worth
 * may be spent at once and the bucket refills smoothly; a refusal knows exactly when it would be admitted, which is
 * the Retry-After. Time comes from the caller (the worker's clock), so the script is deterministic.
 */
import type { Redis } from '@upstash/redis';
import { dailyQuotaKey, keyUsageKey, minuteBucketKey, msUntilNextUtcDay, QUOTA_RETENTION_SECONDS, USAGE_RETENTION_SECONDS, utcDay } from './keys.ts';
import type { TierLimits } from './plans.ts';

// KEYS: 1 minute bucket, 2 daily quota counter ('' = no quota), 3 key usage hash ('' = not metered).
// ARGV: now ms, cost, perMinute, perDay (0 = none), calls, usage ttl s, quota ttl s.
// Returns { admitted 1/0, refused by 0 none / 1 minute / 2 day, retry ms, remaining }.
const SCRIPT = `
local now, cost, perMinute, perDay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local calls, usageTtl, quotaTtl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local period = 60000
local interval = period / perMinute
local function refused()
  if KEYS[3] ~= '' then
    redis.call('HINCRBY', KEYS[3], 'refused', calls)
    redis.call('EXPIRE', KEYS[3], usageTtl)
  end
end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local newTat = tat + cost * interval
local allowAt = newTat - period
if allowAt > now then
  refused()
  return {0, 1, math.ceil(allowAt - now), math.floor((now - (tat - period)) / interval)}
end
if KEYS[2] ~= '' then
  local used = tonumber(redis.call('GET', KEYS[2]) or '0')
  if used + cost > perDay then
    refused()
    return {0, 2, 0, perDay - used}
  end
  redis.call('INCRBY', KEYS[2], cost)
  redis.call('EXPIRE', KEYS[2], quotaTtl)
end
newTat = math.ceil(newTat)
redis.call('SET', KEYS[1], string.format('%.0f', newTat), 'PX', newTat - now)
if KEYS[3] ~= '' then
  redis.call('HINCRBY', KEYS[3], 'calls', calls)
  redis.call('HINCRBY', KEYS[3], 'units', cost)
  redis.call('EXPIRE', KEYS[3], usageTtl)
end
return {1, 0, 0, math.floor((now - (newTat - period)) / interval)}
`;

/** One request to charge. */
export interface ChargeRequest {
  /** The per-minute bucket's identity: `key:<id>`, `user:<id>`, `ip:<bucket>` or `machine`. */
  identity: string;
  /** The daily quota's account (`user:<id>`), or null for none. */
  account: string | null;
  /** The API key whose usage is metered, or null. */
  keyId: string | null;
  limits: TierLimits;
  /** The request's units (sum of its calls' weights); more than one minute's worth is charged as one minute's worth. */
  cost: number;
  /** How many procedure calls the request carries (the usage meter counts calls and units). */
  calls: number;
  now: Date;
}

/** The verdict on one request. Times in ms; `remaining` = units left in the bucket (minute) or the quota (day). */
export type ChargeResult =
  | { admitted: true; remaining: number }
  | { admitted: false; refusedBy: 'minute' | 'day'; retryAfterMs: number; remaining: number };

const scripts = new WeakMap<Redis, ReturnType<Redis['createScript']>>();

/** Charges `req` in Redis (one EVALSHA, EVAL the first time a Redis has not seen the script). */
export async function charge(redis: Redis, req: ChargeRequest): Promise<ChargeResult> {
  let script = scripts.get(redis);
  if (!script) scripts.set(redis, (script = redis.createScript(SCRIPT)));
  const day = utcDay(req.now);
  const perDay = req.account !== null ? req.limits.perDay : null;
  const keys = [
    minuteBucketKey(req.identity),
    perDay !== null ? dailyQuotaKey(req.account!, day) : '',
    req.keyId !== null ? keyUsageKey(req.keyId, day) : '',
  ];
  const cost = Math.max(0, Math.min(req.cost, req.limits.perMinute));
  const args = [req.now.getTime(), cost, req.limits.perMinute, perDay ?? 0, req.calls, USAGE_RETENTION_SECONDS, QUOTA_RETENTION_SECONDS].map(String);
  const [admitted, by, retryMs, remaining] = (await script.exec(keys, args)) as [number, number, number, number];
  if (admitted === 1) return { admitted: true, remaining };
  return by === 2
    ? { admitted: false, refusedBy: 'day', retryAfterMs: msUntilNextUtcDay(req.now), remaining: Math.max(0, remaining) }
    : { admitted: false, refusedBy: 'minute', retryAfterMs: retryMs, remaining: Math.max(0, remaining) };
}
