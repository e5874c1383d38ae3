// The audit log: appending in the caller's transaction, the actor of a principal, and verifying the hash chain.
export { appendAudit, auditEntryHash, type AuditEvent, type HashedFields } from './append.ts';
export { actorOf, CLI_ACTOR, SYSTEM_ACTOR } from './actor.ts';
export { canonicalJson, toJsonValue, type JsonValue } from './canonical-json.ts';
export { verifyAuditChain, type AuditVerification, type BrokenLink } from './verify.ts';
