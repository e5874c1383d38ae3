import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** The previous hash of the first entry of the chain: 64 zeros. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The append-only audit log, a hash chain: each entry's `hash` = hex SHA-256(`prev_hash` ‖ canonical JSON of the
 * entry { kind, actor, subject, createdAt (ISO 8601, milliseconds), payload }), and `prev_hash` is the hash of the
 * entry before (AUDIT_GENESIS_HASH for the first). `prev_hash` is unique, so the chain cannot fork: two writers
 * racing for the same head collide and one retries. Appended in the same transaction as the change it records (bet
 * placement, void, settlement and re-settlement, model promotion and rollback, API key creation and revocation,
 * admin actions). `created_at` keeps milliseconds only, so the time read back is the time that was hashed. The
 * app's database role must not be able to UPDATE or DELETE rows (granted in deployment).
 */
export const auditSnapshots = pgTable(
  'audit_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** What happened, as `domain.verb`: 'bet.place', 'bet.settle', 'model.activate', 'api_key.revoke' … */
    kind: text('kind').notNull(),
    /** Who did it: 'user:<uuid>', 'admin', 'system' (a cron). */
    actor: text('actor').notNull(),
    /** What it happened to: 'bet:<uuid>', 'model_version:<id>', 'api_key:<uuid>' … */
    subject: text('subject').notNull(),
    /** The entry's details (what changed). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('audit_snapshots_prev_hash_key').on(t.prevHash),
    unique('audit_snapshots_hash_unique').on(t.hash),
    index('audit_snapshots_subject_idx').on(t.subject),
    check('audit_snapshots_hash_hex', sql`${t.hash} ~ '^[0-9a-f]{64}$' AND ${t.prevHash} ~ '^[0-9a-f]{64}$'`),
    check('audit_snapshots_not_self_linked', sql`${t.hash} <> ${t.prevHash}`),
  ],
);
