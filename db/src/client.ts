/**
 * Database client factories. The same driver (@neondatabase/serverless) serves production (Neon) and the local
 * embedded default (a real Postgres behind scripts/local/neon-proxy.ts): `localProxy` switches the driver to
 * plain WebSocket/HTTP against that proxy.
 *  - `createPoolDb`: WebSocket Pool — interactive transactions; create per request in Workers, close at the end.
 *  - `createHttpDb`: neon-http — one-shot queries over fetch, no transactions.
 * Both take a time bound (`timeoutMs`; the API worker passes DB_TIMEOUT_MS): a database that is down or hung then
 * makes a statement fail within it instead of holding the caller (isDatabaseUnavailable recognises those failures).
 */
import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzlePool } from 'drizzle-orm/neon-serverless';
import * as schema from './schema/index.ts';

export interface DbOptions {
  url: string;
  /** `host:port` of the local Neon proxy; absent in production. */
  localProxy?: string | undefined;
  /** Required on Node (pass the `ws` package); Workers have a global WebSocket. */
  webSocketConstructor?: unknown;
  /**
   * How long connecting and each statement may take, in ms. Absent or 0: unbounded — for bulk work that may
   * legitimately run longer (the CLI's ingestion, migrations, test setup); the API worker always sets it.
   */
  timeoutMs?: number | undefined;
}

/**
 * The API's bound on the database, in ms: connecting (TCP, TLS, authentication) and each statement. A request
 * answers 503 once it is exceeded; without it a hung Postgres (or a Neon endpoint that never answers) held every
 * request open until the platform's own wall-clock limit.
 */
export const DB_TIMEOUT_MS = 3000;

function configureDriver(opts: DbOptions) {
  if (opts.webSocketConstructor) neonConfig.webSocketConstructor = opts.webSocketConstructor as typeof WebSocket;
  if (opts.localProxy) {
    const proxy = opts.localProxy;
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.forceDisablePgSSL = true;
    neonConfig.fetchEndpoint = () => `http://${proxy}/sql`;
  }
}

/**
 * A drizzle client over a @neondatabase/serverless WebSocket `Pool` (at most 5 connections), for interactive
 * transactions. Returns the client and `close` (ends the pool); in Workers create one per request and close it
 * when the request ends.
 */
export function createPoolDb(opts: DbOptions) {
  configureDriver(opts);
  const ms = opts.timeoutMs ?? 0;
  // Client-side bounds (they fire even when the server is frozen and cannot run its own statement_timeout):
  // `connectionTimeoutMillis` covers waiting for a pool slot and the whole connect (WebSocket, startup, auth);
  // `query_timeout` rejects a statement with no answer after `ms`. A server-side statement_timeout would be sent as
  // a startup parameter, which transaction-mode poolers (PgBouncer, Neon's pooled URL) refuse.
  const bounds = ms > 0 ? { connectionTimeoutMillis: ms, query_timeout: ms } : {};
  const pool = new Pool({ connectionString: opts.url, max: 5, ...bounds });
  // An idle client's dropped connection must not surface as an uncaught error.
  pool.on('error', () => {});
  const db = drizzlePool({ client: pool, schema });
  return { db, close: () => pool.end() };
}

/**
 * A drizzle client over neon-http: each statement is one HTTP request (fetch), so no pool to close and no
 * interactive transactions. Used for reads (the API worker's queries, the web app's server functions).
 */
export function createHttpDb(opts: DbOptions) {
  configureDriver(opts);
  const ms = opts.timeoutMs ?? 0;
  // The driver spreads `fetchOptions` into every fetch it makes, so a getter yields a fresh deadline per statement
  // (a plain AbortSignal.timeout here would expire once, `ms` after the client was built).
  const fetchOptions = ms > 0 ? { get signal() { return AbortSignal.timeout(ms); } } : undefined;
  return drizzleHttp({ client: neon(opts.url, fetchOptions ? { fetchOptions } : {}), schema });
}

export type PoolDb = ReturnType<typeof createPoolDb>['db'];
export type HttpDb = ReturnType<typeof createHttpDb>;
/** Either client: read queries accept both. */
export type Db = PoolDb | HttpDb;
export { schema };
/** A transaction handle or the pool itself: both run statements, so a write can join its caller's transaction. */
export type Tx = Parameters<Parameters<PoolDb['transaction']>[0]>[0] | PoolDb;
