/**
 * Appending to the audit log, a SHA-256 hash chain (db/src/schema/audit): each entry's hash is
 *
 *   hash = hex SHA-256( previous hash ‖ canonical JSON of { kind, actor, subject, createdAt, payload } )
 *
 * with the genesis previous hash of 64 zeros. `appendAudit` runs INSIDE the transaction of the change it records
 * (bet placement, void, closing, settlement, model promotion, API key changes …), so the change and its entry commit
 * or roll back together; the chain lock (an advisory transaction lock) makes entries chain in commit order.
 */
import { AUDIT_GENESIS_HASH, auditHead, insertAuditEntry, lockAuditChain, type Tx } from '@fairline/db';
import { sha256Hex } from '../../lib/secrets.ts';
import { canonicalJson, toJsonValue } from './canonical-json.ts';

/** What an entry says: what happened (`domain.verb`), who did it, to what, and the details. */
export interface AuditEvent {
  /** 'bet.place', 'bet.void', 'bet.close', 'bet.settle', 'bet.resettle', 'model.activate', 'api_key.revoke' … */
  kind: string;
  /** 'user:<uuid>', 'user:<uuid>/api_key:<uuid>', 'admin-token', 'cli', 'system' (a cron) — see actor.ts. */
  actor: string;
  /** 'bet:<uuid>', 'portfolio:<uuid>', 'model_version:<id>', 'api_key:<uuid>' … */
  subject: string;
  /** The change itself: plain JSON (Dates become ISO strings); never secrets. */
  payload: Record<string, unknown>;
}

/** An entry as hashed: the event with its time (ISO 8601 to the millisecond). */
export interface HashedFields {
  kind: string;
  actor: string;
  subject: string;
  createdAt: Date;
  payload: unknown;
}

/** The hash of an entry after `prevHash` (see the file comment): 64 lower-case hex digits. */
export async function auditEntryHash(prevHash: string, e: HashedFields): Promise<string> {
  const body = canonicalJson({ kind: e.kind, actor: e.actor, subject: e.subject, createdAt: e.createdAt.toISOString(), payload: e.payload });
  return sha256Hex(prevHash + body);
}

/**
 * Appends `event` at time `at` to the chain, inside the caller's transaction `tx`. Answers the entry's id and hash.
 * `at` is cut to the millisecond (what timestamptz(3) keeps), so the stored time is the hashed time.
 */
export async function appendAudit(tx: Tx, event: AuditEvent, at: Date): Promise<{ id: number; hash: string }> {
  const createdAt = new Date(Math.floor(at.getTime()));
  const payload = toJsonValue(event.payload) as Record<string, unknown>;
  await lockAuditChain(tx);
  const head = await auditHead(tx);
  const prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  const hash = await auditEntryHash(prevHash, { ...event, createdAt, payload });
  const row = await insertAuditEntry(tx, { kind: event.kind, actor: event.actor, subject: event.subject, payload, prevHash, hash, createdAt });
  return { id: row.id, hash };
}
