import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * How far each live stream has been pushed to the rooms: the id of the newest row of that stream already published
 * (`odds:odds-api` = odds_snapshots ids of the odds API's source). In the database, not in a worker's memory, so a
 * crash between an ingestion commit and its push loses nothing: the next consumer run (or retry) reads from here.
 * Advanced only forward and only after the publish succeeded (at-least-once; events are idempotent price states).
 */
export const pushWatermarks = pgTable(
  'push_watermarks',
  {
    stream: text('stream').primaryKey(),
    lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('push_watermarks_last_id_nonnegative', sql`${t.lastId} >= 0`)],
);

/**
 * A queue message the pipeline gave up on (it exhausted its retries and reached the dead-letter queue): kept so that
 * nothing disappears silently — the queue, the message id, its attempts and its body as received. One row per
 * message (a redelivered dead letter is recorded once).
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    messageId: text('message_id').notNull(),
    attempts: integer('attempts').notNull(),
    body: jsonb('body'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('dead_letters_message').on(t.queue, t.messageId)],
);
