/**
 * Who is calling: resolved once per request at the edge (cookie session, `Authorization: Bearer` session token or
 * `fl_…` API key, or the machine ADMIN_TOKEN) and carried in the tRPC context. Procedures narrow it
 * (`protectedProcedure` → a user; `adminProcedure` → role admin or the machine token; `scoped(scope)` → an API key
 * must hold the scope), and the rate limiter keys on it.
 */
import type { ApiScope, Plan, UserRole } from '@fairline/db';

/** A signed-in account as the API sees it. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  plan: Plan;
}

/** The caller of one request. */
export type Principal =
  | { kind: 'anonymous' }
  /** A web-app or API session; `viaCookie` marks cookie auth (mutations then need a same-origin Origin). */
  | { kind: 'session'; user: AuthUser; sessionId: string; viaCookie: boolean }
  /** A partner API key of `user`, limited to `scopes`. */
  | { kind: 'apiKey'; user: AuthUser; keyId: string; scopes: readonly ApiScope[] }
  /** The ADMIN_TOKEN holder: a machine without a user (cron tooling, the CLI against a remote API). */
  | { kind: 'machine' };

/** The anonymous caller. */
export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The user behind a principal, if any. */
export const userOf = (p: Principal): AuthUser | null => (p.kind === 'session' || p.kind === 'apiKey' ? p.user : null);
