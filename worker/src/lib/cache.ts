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
 * The cache tier over Upstash Redis's REST API at `url` with `token`: JSON values with a TTL in seconds, one retry
 * after 50 ms, telemetry off.
 */
export function upstashCache(url: string, token: string): Cache {
  const redis = new Redis({ url, token, enableTelemetry: false, retry: { retries: 1, backoff: () => 50 } });
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
