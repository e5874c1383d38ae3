import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The ingestion lock of each source, as a lease row: whoever's `holder` is on the row until `expires_at` runs that
 * source's ingestion. A row rather than a session advisory lock because production reaches Postgres through Neon's
 * transaction-mode pooler, which gives no session to hold a lock on; a row works through any pooler. The holder
 * renews `expires_at` while it runs, so a crashed run's lease simply runs out. Times are the database's (`now()`), so
 * holders on different machines never compare their own clocks.
 */
export const ingestionLeases = pgTable(
  'ingestion_leases',
  {
    source: text('source').primaryKey(),
    /** A random id per run (not per machine): a run can only renew or release its own lease. */
    holder: uuid('holder').notNull(),
    acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('ingestion_leases_expiry_after_acquired', sql`${t.expiresAt} > ${t.acquiredAt}`)],
);
