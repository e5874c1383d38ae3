/**
 * Sessions: a random 32-byte token (`fls_<base64url>`) handed to the client once — in the `fl_session` cookie for the
 * web app, or in the answer for API clients that send it back as `Authorization: Bearer` — and stored only as its hex
 * SHA-256 (the session id). Sliding expiry: a session lives SESSION_TTL_MS from its last extension, and is extended
 * when a request finds it with less than SESSION_SLIDE_BELOW_MS left, so a session in use never expires and one left
 * alone expires 30 days after it was last extended.
 */
import { insertSession, liveSessionWithUser, touchSession, type Tx } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { randomToken, sha256Hex } from '../../lib/secrets.ts';
import type { AuthUser } from './principal.ts';

const DAY_MS = 86_400_000;
/** How long a session lives after it was created or last extended: 30 days. */
export const SESSION_TTL_MS = 30 * DAY_MS;
/** A session with less than this left (15 days) is extended to SESSION_TTL_MS on its next request. */
export const SESSION_SLIDE_BELOW_MS = 15 * DAY_MS;
/** `last_seen_at` is written at most this often (1 hour) when the expiry does not move. */
const SEEN_EVERY_MS = 3_600_000;
/** Every session token starts with this, so an `Authorization: Bearer` value tells sessions from API keys (`fl_`). */
export const SESSION_TOKEN_PREFIX = 'fls_';
/** Stored user agents are cut to this many characters (display only). */
const USER_AGENT_MAX = 200;

/** A session just started: the token to hand to the client (never stored) and when it expires. */
export interface NewSession {
  id: string;
  token: string;
  expiresAt: Date;
}

/** Whether `token` has the shape of a session token (`fls_` and 43 base64url characters). */
export function isSessionToken(token: string): boolean {
  return /^fls_[A-Za-z0-9_-]{43}$/.test(token);
}

/** The session id of a token: its hex SHA-256. */
export const sessionIdOf = (token: string): Promise<string> => sha256Hex(token);

/** Starts a session for `userId` (inside the caller's transaction when given one). */
export async function startSession(tx: Tx, ctx: Pick<Ctx, 'clock'>, userId: string, userAgent: string | null): Promise<NewSession> {
  const token = `${SESSION_TOKEN_PREFIX}${randomToken(32)}`;
  const id = await sessionIdOf(token);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(tx, { id, userId, expiresAt, now, userAgent: userAgent?.slice(0, USER_AGENT_MAX) ?? null });
  return { id, token, expiresAt };
}

/** A session a token resolved to: its user, its id, its (possibly extended) expiry, and whether it was extended. */
export interface AuthenticatedSession {
  user: AuthUser;
  sessionId: string;
  expiresAt: Date;
  /** The expiry moved (a cookie client should get the cookie again with the new lifetime). */
  extended: boolean;
}

/**
 * The live session of `token`, or null for a malformed, unknown or expired one. Extends the session when less than
 * SESSION_SLIDE_BELOW_MS is left, and notes it seen (at most hourly).
 */
export async function authenticateSession({ ctx, input }: { ctx: Ctx; input: { token: string } }): Promise<AuthenticatedSession | null> {
  if (!isSessionToken(input.token)) return null;
  const id = await sessionIdOf(input.token);
  const now = ctx.clock();
  const found = await liveSessionWithUser(ctx.read, id, now);
  if (!found) return null;
  const left = found.session.expiresAt.getTime() - now.getTime();
  const extended = left < SESSION_SLIDE_BELOW_MS;
  const expiresAt = extended ? new Date(now.getTime() + SESSION_TTL_MS) : found.session.expiresAt;
  if (extended || now.getTime() - found.session.lastSeenAt.getTime() > SEEN_EVERY_MS) {
    await touchSession(ctx.db, id, now, expiresAt);
  }
  return { user: found.user, sessionId: id, expiresAt, extended };
}
