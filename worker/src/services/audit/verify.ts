/**
 * Verifying the audit chain: every entry, in id order (the chain lock makes id order chain order), must link to the
 * hash of the entry before it (the genesis hash for the first) and carry the hash of its own contents. The first entry
 * that does not is the first broken link: an edited entry fails its own hash; a deleted or inserted one breaks the link.
 */
import { AUDIT_GENESIS_HASH, auditEntriesAfter } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { auditEntryHash } from './append.ts';

/** Entries read per page. */
const PAGE = 1000;

/** The first broken link: which entry, and why. */
export interface BrokenLink {
  id: number;
  kind: string;
  subject: string;
  /** 'hash': the entry's contents do not give its hash (edited); 'link': its previous hash is not the hash before it. */
  problem: 'hash' | 'link';
  expected: string;
  found: string;
}

/** The chain's state: how many entries were checked, the head's hash, and the first broken link (null: intact). */
export interface AuditVerification {
  entries: number;
  head: string | null;
  broken: BrokenLink | null;
}

/** Recomputes the whole chain (see the file comment), stopping at the first broken link. */
export async function verifyAuditChain({ ctx }: { ctx: Pick<Ctx, 'read'> }): Promise<AuditVerification> {
  let prev = AUDIT_GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const page = await auditEntriesAfter(ctx.read, afterId, PAGE);
    for (const e of page) {
      entries++;
      if (e.prevHash !== prev) {
        return { entries, head: prev === AUDIT_GENESIS_HASH ? null : prev, broken: { id: e.id, kind: e.kind, subject: e.subject, problem: 'link', expected: prev, found: e.prevHash } };
      }
      const hash = await auditEntryHash(e.prevHash, e);
      if (hash !== e.hash) {
        return { entries, head: prev === AUDIT_GENESIS_HASH ? null : prev, broken: { id: e.id, kind: e.kind, subject: e.subject, problem: 'hash', expected: hash, found: e.hash } };
      }
      prev = e.hash;
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return { entries, head: prev === AUDIT_GENESIS_HASH ? null : prev, broken: null };
}
