/**
 * Per-client request limits on the API, backed by Upstash Redis (@upstash/ratelimit, sliding window).
 * Without a cache tier there is no limiter (requests pass) — the tier is skipped, not imitated in memory,
 * because per-isolate counters would under-count across Cloudflare's many isolates.
 */
import { Ratelimit } from '@upstash/ratelimit';
import type { Cache } from './cache.ts';

export interface RateLimiter {
  limit(key: string): Promise<{ success: boolean; limit: number; remaining: number; reset: number }>;
}

const limiters = new WeakMap<object, Map<number, Ratelimit>>();

/**
 * A sliding-window limiter of `perMinute` requests per 60 s per key (the API keys by admin token, else client IP),
 * stored in the cache's Redis under `fairline:rl`; `reset` is when the window frees up, in epoch milliseconds. One
 * limiter per Redis client and rate, reused across requests.
 */
export function upstashRateLimiter(cache: Cache, perMinute: number): RateLimiter {
  let byLimit = limiters.get(cache.redis);
  if (!byLimit) limiters.set(cache.redis, (byLimit = new Map()));
  let rl = byLimit.get(perMinute);
  if (!rl) {
    rl = new Ratelimit({ redis: cache.redis, limiter: Ratelimit.slidingWindow(perMinute, '60 s'), prefix: 'fairline:rl', analytics: false });
    byLimit.set(perMinute, rl);
  }
  const r = rl;
  return { limit: (key) => r.limit(key) };
}
