/**
 * The context every verb takes. Built per request (or per cron tick / CLI run) at the edge; the middle of the
 * system sees only this interface, so one verb serves tRPC, cron jobs, Durable Objects and the Node CLI.
 */
import type { PoolDb } from '@fairline/db';
import type { Cache } from './lib/cache.ts';
import type { Logger } from './lib/logger.ts';

export interface Ctx {
  db: PoolDb;
  /** null when no Redis is configured: the cache tier is skipped, never faked. */
  cache: Cache | null;
  clock: () => Date;
  logger: Logger;
  fetch: typeof fetch;
}
