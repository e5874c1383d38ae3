/**
 * The audit log's statements: lock the chain, read its head, append an entry, and read entries in chain order for
 * verification. Hashing lives in the worker (services/audit): this layer only stores what it is given. Rows are
 * never updated or deleted — the table's trigger refuses it for every role (migration 0006).
 */
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { auditSnapshots } from '../schema/audit/index.ts';

/** An audit entry as stored. `createdAt` is the hashed time (milliseconds). */
export interface AuditEntryRow {
  id: number;
  kind: string;
  actor: string;
  subject: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
  createdAt: Date;
}

const ENTRY = {
  id: auditSnapshots.id,
  kind: auditSnapshots.kind,
  actor: auditSnapshots.actor,
  subject: auditSnapshots.subject,
  payload: auditSnapshots.payload,
  prevHash: auditSnapshots.prevHash,
  hash: auditSnapshots.hash,
  createdAt: auditSnapshots.createdAt,
};

/**
 * Serialises appenders until the transaction ends (an advisory lock): the head read next stays the head until this
 * transaction commits, so entries chain in commit order and `id` order is chain order. Without it two writers would
 * read the same head and one would fail on the unique previous hash.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('fairline:audit_snapshots'))`);
}

/** The newest entry (the chain's head), or null for an empty log. */
export async function auditHead(db: Db | Tx): Promise<AuditEntryRow | null> {
  const [row] = await db.select(ENTRY).from(auditSnapshots).orderBy(desc(auditSnapshots.id)).limit(1);
  return row ?? null;
}

/** Inserts one entry as computed by the caller (under lockAuditChain, in the transaction of the change it records). */
export async function insertAuditEntry(tx: Tx, e: Omit<AuditEntryRow, 'id'>): Promise<AuditEntryRow> {
  const [row] = await tx.insert(auditSnapshots).values(e).returning(ENTRY);
  return row!;
}

/** Up to `limit` entries with an id above `afterId`, in id order (verification pages through the whole log). */
export async function auditEntriesAfter(db: Db | Tx, afterId: number, limit: number): Promise<AuditEntryRow[]> {
  return db.select(ENTRY).from(auditSnapshots).where(gt(auditSnapshots.id, afterId)).orderBy(asc(auditSnapshots.id)).limit(limit);
}

/** How many entries the log holds. */
export async function countAuditEntries(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditSnapshots);
  return row?.n ?? 0;
}
