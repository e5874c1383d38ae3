/**
 * Builds a verb context from the validated config, per request or per cron tick. Reads go over neon-http; the
 * WebSocket Pool is created lazily, per invocation (Workers must not share sockets across requests), and closed
 * through `dispose` after the response. Every outside dependency is bounded in time: the database by
 * `dbTimeoutMs` (connect and each statement), outbound fetches by FETCH_TIMEOUT_MS until their response headers,
 * Redis by REDIS_TIMEOUT_MS (lib/cache.ts).
 */
import { createHttpDb, createPoolDb, DB_TIMEOUT_MS, type HttpDb } from '@fairline/db';
import type { Ctx } from './context.ts';
import type { AppConfig } from './env.ts';
import { upstashCache, type Cache } from './lib/cache.ts';
import { jsonLogger, type Logger } from './lib/logger.ts';

/**
 * How long an outbound fetch may wait for its response headers, in ms. The body is the caller's to bound (a
 * several-MB data file streams for longer; services/ingest/http.ts bounds each attempt): a server that never
 * answers costs 3 s, not the invocation.
 */
export const FETCH_TIMEOUT_MS = 3000;

/**
 * The statement bound of cron jobs, in ms: they read whole seasons to refit models and write thousands of rows in
 * one transaction, which a request never does; a hung database still fails a tick instead of holding it.
 */
export const JOB_DB_TIMEOUT_MS = 30_000;

/** Options of buildCtx: the database bound (default DB_TIMEOUT_MS, the API's; cron ticks pass JOB_DB_TIMEOUT_MS). */
export interface CtxOptions {
  dbTimeoutMs?: number;
}

export function buildCtx(
  config: AppConfig,
  logger: Logger = jsonLogger({ env: config.ENVIRONMENT }),
  { dbTimeoutMs = DB_TIMEOUT_MS }: CtxOptions = {},
): {
  ctx: Ctx;
  dispose: () => Promise<void>;
} {
  let pool: ReturnType<typeof createPoolDb> | undefined;
  const db = { url: config.DATABASE_URL, localProxy: config.NEON_LOCAL_PROXY, timeoutMs: dbTimeoutMs };
  const { read, namespace } = databaseOf(db);
  const cache =
    config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? cacheFor(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN)
      : null;
  const ctx: Ctx = {
    get db() {
      pool ??= createPoolDb(db);
      return pool.db;
    },
    read,
    cache,
    clock: () => new Date(),
    logger,
    fetch: boundedFetch,
    cacheNamespace: namespace,
  };
  return { ctx, dispose: async () => void (await pool?.close().catch(() => {})) };
}

/**
 * Per isolate and database: one neon-http read client and the cache namespace. The client holds no connection (each
 * statement is its own fetch, with a fresh deadline), so requests can share it, and building one is not free —
 * drizzle walks the whole schema for its relational config, which was a third of a cached read's CPU when done per
 * request (bench:api CPU profile).
 */
const databases = new Map<string, { read: HttpDb; namespace: string }>();
function databaseOf(db: Parameters<typeof createHttpDb>[0]): { read: HttpDb; namespace: string } {
  const key = `${db.url}\n${db.localProxy ?? ''}\n${db.timeoutMs ?? ''}`;
  let known = databases.get(key);
  if (!known) databases.set(key, (known = { read: createHttpDb(db), namespace: databaseIdentity(db.url) }));
  return known;
}

/**
 * `fetch` whose response headers must arrive within FETCH_TIMEOUT_MS (then it rejects with a TimeoutError); the
 * caller's own signal still applies. The timer is cleared once the headers are in, so reading a large body is not
 * cut off by it.
 */
export async function boundedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`no response within ${FETCH_TIMEOUT_MS} ms`, 'TimeoutError')),
    FETCH_TIMEOUT_MS,
  );
  const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
  try {
    return await fetch(input, { ...init, signal });
  } finally {
    clearTimeout(timer);
  }
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

/** The database's host, port and name (no user or password): the read cache's namespace (Ctx.cacheNamespace). */
function databaseIdentity(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'unparsed-database-url';
  }
}
