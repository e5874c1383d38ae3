/**
 * Accounts, sessions and partner API keys: every statement behind sign-up, sign-in, the session and key lifecycle
 * and principal resolution at the edge. The verbs that decide *when* to call these live in
 * worker/src/services/auth and worker/src/services/api-keys. Secrets never reach this layer: sessions and keys are
 * looked up by the hex SHA-256 of their token.
 */
import { and, asc, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { apiKeys, sessions, users } from '../schema/auth/index.ts';
import type { ApiScope, Plan, UserRole } from '../schema/enums.ts';

/** An account as the API sees it (no password hash). */
export interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  plan: Plan;
}

/** An account with its password hash (sign-in and password change only). */
export interface UserCredentialsRow extends UserRow {
  passwordHash: string;
}

const USER = { id: users.id, email: users.email, role: users.role, plan: users.plan };

/** Matches `email` case-insensitively, as the unique index `users_email_lower_key` does. */
const emailIs = (email: string) => sql`lower(${users.email}) = lower(${email})`;

/**
 * Inserts an account. Answers the new user, or null when the email is already taken (case-insensitively; the unique
 * index decides, so two concurrent sign-ups cannot both win).
 */
export async function insertUser(
  tx: Tx,
  u: { email: string; passwordHash: string; role?: UserRole; plan?: Plan },
): Promise<UserRow | null> {
  const [row] = await tx
    .insert(users)
    .values({ email: u.email, passwordHash: u.passwordHash, role: u.role ?? 'user', plan: u.plan ?? 'free' })
    .onConflictDoNothing()
    .returning(USER);
  return row ?? null;
}

/** The account of `email` (case-insensitive) with its password hash, or null. */
export async function userCredentialsByEmail(db: Db, email: string): Promise<UserCredentialsRow | null> {
  const [row] = await db.select({ ...USER, passwordHash: users.passwordHash }).from(users).where(emailIs(email)).limit(1);
  return row ?? null;
}

/** The account `id` with its password hash, or null. */
export async function userCredentialsById(db: Db, id: string): Promise<UserCredentialsRow | null> {
  const [row] = await db.select({ ...USER, passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** The account `id`, or null. */
export async function userById(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select(USER).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** Replaces the password hash of `userId` (a password change, or a re-hash at stronger parameters on sign-in). */
export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Sets the role of `userId` (the CLI promoting an existing account to admin). Answers whether the user exists. */
export async function setUserRole(tx: Tx, userId: string, role: UserRole): Promise<boolean> {
  const rows = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length > 0;
}

// ─── sessions ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A session as its owner sees it in the account page. */
export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

/** A live session with its user, as the edge resolves it. */
export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

const SESSION = {
  id: sessions.id,
  createdAt: sessions.createdAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  userAgent: sessions.userAgent,
};

/** Stores a session: `id` is the hex SHA-256 of its token; `userAgent` is for display only (truncated by the caller). */
export async function insertSession(
  tx: Tx,
  s: { id: string; userId: string; expiresAt: Date; now: Date; userAgent?: string | null },
): Promise<void> {
  await tx.insert(sessions).values({
    id: s.id,
    userId: s.userId,
    expiresAt: s.expiresAt,
    createdAt: s.now,
    lastSeenAt: s.now,
    userAgent: s.userAgent ?? null,
  });
}

/** The session `id` and its user when it has not expired at `now`; null for an unknown or expired session. */
export async function liveSessionWithUser(db: Db, id: string, now: Date): Promise<SessionWithUser | null> {
  const [row] = await db
    .select({ session: SESSION, user: USER })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Moves a session's expiry to `expiresAt` and marks it seen at `now` (the sliding window). */
export async function touchSession(tx: Tx, id: string, now: Date, expiresAt: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

/** The live sessions of `userId` at `now`, newest first. */
export async function liveSessionsOf(db: Db, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select(SESSION)
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt), asc(sessions.id));
}

/**
 * Deletes the session `id` if it belongs to `userId` (another user's session id is treated as unknown). Answers
 * whether one was deleted.
 */
export async function deleteSessionOf(tx: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Deletes every session of `userId` except `keepId` (null: all of them). Answers how many went. */
export async function deleteSessionsOf(tx: Tx, userId: string, keepId: string | null): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Deletes sessions that expired before `now` (housekeeping). Answers how many went. */
export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<number> {
  const rows = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return rows.length;
}

// ─── API keys ────────────────────────────────────────────────────────────────────────────────────────────────────

/** An API key as its owner sees it (never the secret or its hash). */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A usable key with its user, as the edge resolves it. */
export interface ApiKeyWithUser {
  key: ApiKeyRow;
  user: UserRow;
}

const API_KEY = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Stores a key by the hex SHA-256 of the whole `fl_<prefix>_<secret>` string. Answers the stored row. */
export async function insertApiKey(
  tx: Tx,
  k: { userId: string; name: string; prefix: string; hash: string; scopes: readonly ApiScope[]; expiresAt: Date | null; now: Date },
): Promise<ApiKeyRow> {
  const [row] = await tx
    .insert(apiKeys)
    .values({ userId: k.userId, name: k.name, prefix: k.prefix, hash: k.hash, scopes: [...k.scopes], expiresAt: k.expiresAt, createdAt: k.now })
    .returning(API_KEY);
  return row!;
}

/** Every key of `userId` (revoked and expired included, so the account page can show them), newest first. */
export async function apiKeysOf(db: Db, userId: string): Promise<ApiKeyRow[]> {
  return db.select(API_KEY).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt), asc(apiKeys.id));
}

/** The ids of every key of `userId` (usage metering reads per key). */
export async function apiKeyIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(asc(apiKeys.createdAt));
  return rows.map((r) => r.id);
}

/**
 * Revokes key `id` at `now` if it belongs to `userId` and is not revoked yet (another user's key id is treated as
 * unknown). Answers the key after the change, or null when there is no such key of that user.
 */
export async function revokeApiKeyOf(tx: Tx, userId: string, id: string, now: Date): Promise<ApiKeyRow | null> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning(API_KEY);
  return row ?? null;
}

/** The key whose hash is `hash` and its user, when it is neither revoked nor expired at `now`; else null. */
export async function usableApiKeyWithUser(db: Db, hash: string, now: Date): Promise<ApiKeyWithUser | null> {
  const [row] = await db
    .select({ key: API_KEY, user: USER })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))))
    .limit(1);
  return row ?? null;
}

/**
 * Marks key `id` used at `now`, but only if it was last marked before `now - minIntervalMs` (or never): a key
 * called a thousand times a minute costs one write. Answers whether the row was written.
 */
export async function markApiKeyUsed(tx: Tx, id: string, now: Date, minIntervalMs: number): Promise<boolean> {
  const before = new Date(now.getTime() - minIntervalMs);
  const rows = await tx
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, before))))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
