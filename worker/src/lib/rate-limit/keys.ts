/**
 * Redis key names of the limiter and the usage meter, in one place: the limiter writes them, the usage verb
 * (services/usage) reads them. Days are UTC calendar days (`YYYY-MM-DD`), the unit of the daily quota.
 */

const PREFIX = 'fairline';

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Milliseconds from `at` to the next 00:00 UTC, when the daily quotas reset. */
export function msUntilNextUtcDay(at: Date): number {
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  return next - at.getTime();
}

/** The per-minute token bucket of one identity (`key:<id>`, `user:<id>`, `ip:<bucket>` or `machine`). */
export const minuteBucketKey = (identity: string) => `${PREFIX}:rl:m:${identity}`;

/** The units an account (`user:<id>`) has spent on `day`, checked against its plan's daily quota. */
export const dailyQuotaKey = (account: string, day: string) => `${PREFIX}:rl:d:${account}:${day}`;

/** The usage meter of one API key on one day: a hash of `calls`, `units` and `refused` (calls turned away). */
export const keyUsageKey = (keyId: string, day: string) => `${PREFIX}:usage:${keyId}:${day}`;

/** How long a key's daily usage stays readable: 35 days (the usage verb answers up to 31). */
export const USAGE_RETENTION_SECONDS = 35 * 24 * 3600;

/** How long a daily quota counter lives: two days, past any clock skew around midnight. */
export const QUOTA_RETENTION_SECONDS = 2 * 24 * 3600;
