/**
 * Who is calling, resolved once per request at the edge, for tRPC, REST and room upgrades alike:
 *
 * - `Authorization: Bearer fl_…` → an API key (services/api-keys); `Bearer fls_…` → a session (API clients);
 *   any other bearer → the machine ADMIN_TOKEN, compared as digests in constant time. A bearer that matches nothing
 *   (wrong, tampered, revoked, expired) is refused with UNAUTHORIZED — never downgraded to anonymous, so a client
 *   with a broken key finds out at once. A bearer wins over a cookie.
 * - else the `fl_session` cookie → a session with `viaCookie` (the web app). An unknown or expired cookie is
 *   anonymous, and the answer clears it.
 * - else anonymous.
 *
 * Also here: the session cookie itself (HttpOnly, SameSite=Lax, Path=/, Secure outside development and test) and
 * the Origin verdict that cookie-authenticated mutations are checked against (trpc/init.ts).
 */
import { parse as parseCookies } from 'hono/utils/cookie';
import type { Ctx } from '../context.ts';
import type { AppConfig } from '../env.ts';
import { AppError } from '../lib/errors.ts';
import { addressBucket } from '../lib/rate-limit/client-address.ts';
import { bearerToken, sameSecret } from '../lib/secrets.ts';
import { authenticateApiKey } from '../services/api-keys/authenticate-api-key.ts';
import { looksLikeApiKey } from '../services/api-keys/key-format.ts';
import { ANONYMOUS, type Principal } from '../services/auth/principal.ts';
import { authenticateSession, SESSION_TOKEN_PREFIX, SESSION_TTL_MS } from '../services/auth/sessions.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'fl_session';

/** What the response must do with the session cookie: nothing, set it again (the session slid), or clear it. */
export type CookieAction = { kind: 'keep' } | { kind: 'set'; token: string; expiresAt: Date } | { kind: 'clear' };

/** A resolved request: the principal and the cookie action its answer carries. */
export interface RequestAuth {
  principal: Principal;
  cookie: CookieAction;
}

/**
 * Resolves the principal of `req` (see the file comment). Throws AppError UNAUTHORIZED for a bearer credential that
 * is wrong, tampered, revoked or expired.
 */
export async function authenticateRequest({ ctx, config, req }: { ctx: Ctx; config: Pick<AppConfig, 'ADMIN_TOKEN'>; req: Request }): Promise<RequestAuth> {
  const keep = { kind: 'keep' } as const;
  const bearer = bearerToken(req);
  if (bearer) {
    if (bearer.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await authenticateSession({ ctx, input: { token: bearer } });
      if (!session) throw new AppError('UNAUTHORIZED', 'invalid or expired session token');
      return { principal: { kind: 'session', user: session.user, sessionId: session.sessionId, viaCookie: false }, cookie: keep };
    }
    if (looksLikeApiKey(bearer)) {
      const key = await authenticateApiKey({ ctx, input: { key: bearer } });
      if (!key) throw new AppError('UNAUTHORIZED', 'invalid, revoked or expired API key');
      return { principal: key, cookie: keep };
    }
    if (await sameSecret(bearer, config.ADMIN_TOKEN)) return { principal: { kind: 'machine' }, cookie: keep };
    throw new AppError('UNAUTHORIZED', 'invalid bearer token');
  }
  const token = sessionCookieOf(req);
  if (token === null) return { principal: ANONYMOUS, cookie: keep };
  const session = await authenticateSession({ ctx, input: { token } });
  if (!session) return { principal: ANONYMOUS, cookie: { kind: 'clear' } };
  return {
    principal: { kind: 'session', user: session.user, sessionId: session.sessionId, viaCookie: true },
    cookie: session.extended ? { kind: 'set', token, expiresAt: session.expiresAt } : keep,
  };
}

/** The value of the `fl_session` cookie of `req`, or null. */
export function sessionCookieOf(req: Request): string | null {
  const header = req.headers.get('cookie');
  if (!header) return null;
  const value = parseCookies(header, SESSION_COOKIE)[SESSION_COOKIE];
  return value ? value : null;
}

/** Whether cookies get `Secure`: everywhere but local development and tests (plain http on 127.0.0.1). */
export const secureCookies = (environment: AppConfig['ENVIRONMENT']): boolean => environment === 'production';

/** The `Set-Cookie` value carrying session `token` until `expiresAt`. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean, now: Date = new Date()): string {
  const maxAge = Math.max(0, Math.min(Math.round((expiresAt.getTime() - now.getTime()) / 1000), SESSION_TTL_MS / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Writes `action` to response headers `h` (nothing for 'keep'). */
export function applyCookieAction(h: Headers, action: CookieAction, secure: boolean, now: Date): void {
  if (action.kind === 'set') h.append('set-cookie', sessionCookie(action.token, action.expiresAt, secure, now));
  else if (action.kind === 'clear') h.append('set-cookie', clearedSessionCookie(secure));
}

/**
 * Where a request comes from, as a browser tells it: 'same' (Origin is this API's own origin, or the web app's
 * origin that its proxy names in `x-forwarded-host`/`x-forwarded-proto`), 'cross' (another origin, `Origin: null`,
 * or `Sec-Fetch-Site` saying cross-site/same-site), 'absent' (no Origin: not a browser's cross-origin request — curl,
 * servers, SDKs). Forwarded headers are safe to trust here: a cross-origin page cannot set them without a CORS
 * preflight, which the API never grants.
 */
export function originVerdict(req: Request): 'same' | 'cross' | 'absent' {
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return 'cross';
  const origin = req.headers.get('origin');
  if (origin === null) return 'absent';
  const url = new URL(req.url);
  const allowed = new Set([url.origin]);
  const host = req.headers.get('x-forwarded-host');
  if (host) {
    const proto = req.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
    allowed.add(`${proto}://${host}`.toLowerCase());
  }
  return allowed.has(origin.toLowerCase()) ? 'same' : 'cross';
}

/** The client address bucket of `req` (IPv4, or IPv6 by /64) from `cf-connecting-ip`, or null without one. */
export function clientAddressOf(req: Request): string | null {
  const ip = req.headers.get('cf-connecting-ip')?.trim();
  return ip ? addressBucket(ip) : null;
}
