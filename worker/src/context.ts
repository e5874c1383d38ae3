/**
 * The context every verb takes. Built per request (or per cron tick / CLI run) at the edge; the middle of the
 * system sees only this interface, so one verb serves tRPC, cron jobs, Durable Objects and the Node CLI.
 */
import type { Db, PoolDb } from '@fairline/db';
import type { Cache } from './lib/cache.ts';
import type { Logger } from './lib/logger.ts';

export interface Ctx {
  /** WebSocket Pool: transactions and writes. Opened on first use (a read-only request never pays for it). */
  db: PoolDb;
  /**
   * One-shot reads over HTTP (neon-http): no connection set-up or auth round trips per request. Read queries take
   * either client, so code that already holds `db` (a transaction, a test) may pass it here too.
   */
  read: Db;
  /** null when no Redis is configured: the cache tier is skipped, never faked. */
  cache: Cache | null;
  clock: () => Date;
  /**
   * Which data this context reads (the database's host and name, never its credentials): part of every read-cache
   * key (lib/read-cache), so two databases behind one Redis — staging and production, or test suites — never see
   * each other's answers. Absent (tests' hand-built contexts, the CLI): the read cache is skipped.
   */
  cacheNamespace?: string;
  logger: Logger;
  fetch: typeof fetch;
}
