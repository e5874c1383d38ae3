/**
 * `fairline audit verify [--json]`
 *
 * Recomputes the audit log's hash chain from the first entry (services/audit/verify.ts) and names the first broken
 * link: an entry whose contents no longer give its hash (edited) or whose previous hash is not the hash of the entry
 * before it (an entry deleted or slipped in). Exit 0 when the chain is intact, 1 when it is broken. Database:
 * DATABASE_URL (+ NEON_LOCAL_PROXY), else the local embedded default. Transport only.
 */
import { verifyAuditChain, type AuditVerification } from '../../services/audit/verify.ts';
import { defineCommand } from '../command.ts';
import { cliContext, openCliDatabase } from '../database.ts';

/** The verdict as one or two lines of text. */
export function describeVerification(v: AuditVerification): string {
  if (!v.broken) return `audit chain intact: ${v.entries} entr${v.entries === 1 ? 'y' : 'ies'}, head ${v.head ?? '(empty log)'}`;
  const b = v.broken;
  const why =
    b.problem === 'hash'
      ? `its contents hash to ${b.expected}, not the stored ${b.found} (the entry was edited)`
      : `its previous hash ${b.found} is not ${b.expected}, the hash of the entry before it (an entry was deleted or inserted)`;
  return `audit chain BROKEN at entry #${b.id} (${b.kind} ${b.subject}): ${why}\n${v.entries - 1} entr${v.entries === 2 ? 'y' : 'ies'} before it verified`;
}

/** `fairline audit verify`. */
export const command = defineCommand({
  name: 'audit verify',
  options: {},
  async run({ values }) {
    const conn = await openCliDatabase();
    let v: AuditVerification;
    try {
      v = await verifyAuditChain({ ctx: cliContext(conn.db) });
    } finally {
      await conn.close();
    }
    if (values.json) console.log(JSON.stringify(v));
    else (v.broken ? console.error : console.log)(describeVerification(v));
    return v.broken ? 1 : 0;
  },
});
