/**
 * Builds a verb context from the validated config, per request or per cron tick. Reads go over neon-http; the
 * WebSocket Pool is created lazily, per invocation (Workers must not share sockets across requests), and closed
 * through `dispose` after the response.
 */
import { createHttpDb, createPoolDb } from '@fairline/db';
import type { Ctx } from './context.ts';
import type { AppConfig } from './env.ts';
import { upstashCache, type Cache } from './lib/cache.ts';
import { jsonLogger, type Logger } from './lib/logger.ts';

export function buildCtx(config: AppConfig, logger: Logger = jsonLogger({ env: config.ENVIRONMENT })): {
  ctx: Ctx;
  dispose: () => Promise<void>;
} {
  let pool: ReturnType<typeof createPoolDb> | undefined;
  const read = createHttpDb({ url: config.DATABASE_URL, localProxy: config.NEON_LOCAL_PROXY });
  const cache =
    config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? cacheFor(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN)
      : null;
  const ctx: Ctx = {
    get db() {
      pool ??= createPoolDb({ url: config.DATABASE_URL, localProxy: config.NEON_LOCAL_PROXY });
      return pool.db;
    },
    read,
    cache,
    clock: () => new Date(),
    logger,
    fetch: (input, init) => fetch(input, init),
  };
  return { ctx, dispose: async () => void (await pool?.close().catch(() => {})) };
}

/**
 * The REST Redis client holds no connection (every command is a fetch), so one per isolate and configuration is
 * safe to share across requests — and lets per-client state built on it (the rate limiter) be reused too.
 */
const caches = new Map<string, Cache>();
function cacheFor(url: string, token: string): Cache {
  const key = `${url}\n${token}`;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = upstashCache(url, token)));
  return cache;
}
