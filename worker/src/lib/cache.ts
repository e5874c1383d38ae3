/**
 * The cache tier: a small interface over Upstash Redis (REST). When no Redis is configured the platform runs
 * without a cache (Ctx.cache is null) — there is deliberately no in-memory "fake" implementation.
 */
import { Redis } from '@upstash/redis';

export interface Cache {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  ping(): Promise<boolean>;
  readonly redis: Redis;
}

/**
 * How long one Redis command may take, in ms. The client's own default is to retry five times with exponential
 * backoff (about 5 s in all) with no timeout on an attempt, so a slow Redis made every request wait: the cache is
 * an optimisation and the limiter fails open, so neither may hold a request up for longer than this.
 */
export const REDIS_TIMEOUT_MS = 200;

/**
 * The cache tier over Upstash Redis's REST API at `url` with `token`: JSON values with a TTL in seconds, telemetry
 * off. An attempt that has not answered within REDIS_TIMEOUT_MS is aborted and the command fails (no retry after a
 * timeout); a connection error is retried once after 50 ms.
 */
export function upstashCache(url: string, token: string): Cache {
  const redis = new Redis({
    url,
    token,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
    // A function, so each attempt gets a fresh deadline; an aborted attempt throws instead of being retried.
    signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
  });
  return {
    redis,
    get: <T>(key: string) => redis.get<T>(key),
    async set(key, value, ttlSeconds) {
      await redis.set(key, value, { ex: ttlSeconds });
    },
    async del(key) {
      await redis.del(key);
    },
    async ping() {
      return (await redis.ping()) === 'PONG';
    },
  };
}
