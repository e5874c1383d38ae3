/**
 * Accounts in workerd tests, made the way clients make them — through the worker's HTTP path — plus raw tRPC calls
 * with exactly the headers a test wants (Cookie, Origin, Authorization), for the security suites.
 */
import { sessions, users, type ApiScope, type PoolDb } from '@fairline/db';
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { sha256Hex } from '../../../src/lib/secrets.ts';
import { callWorker } from './worker-http.ts';

/** The API's own origin in tests (trpcClient and these helpers call http://api.test). */
export const API_ORIGIN = 'http://api.test';

/** An answer of one tRPC call over raw HTTP: status, headers, and the decoded result or error. */
export interface RawAnswer<T = unknown> {
  status: number;
  headers: Headers;
  data: T | undefined;
  error: { message: string; code: string } | undefined;
}

/** One non-batched tRPC call over HTTP: GET for queries, POST (superjson body) for mutations. */
export async function trpcRaw<T = unknown>(
  env: object,
  path: string,
  opts: { type?: 'query' | 'mutation'; input?: unknown; headers?: Record<string, string> } = {},
): Promise<RawAnswer<T>> {
  const type = opts.type ?? 'query';
  const encoded = opts.input === undefined ? undefined : JSON.stringify(superjson.serialize(opts.input));
  const url = `${API_ORIGIN}/trpc/${path}${type === 'query' && encoded ? `?input=${encodeURIComponent(encoded)}` : ''}`;
  const init: RequestInit =
    type === 'query'
      ? { headers: opts.headers ?? {} }
      : { method: 'POST', headers: { 'content-type': 'application/json', ...opts.headers }, body: encoded ?? '{}' };
  const res = await callWorker(new Request(url, init), env);
  const body = (await res.json()) as {
    result?: { data: { json: unknown; meta?: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return {
    status: res.status,
    headers: res.headers,
    data: body.result ? (superjson.deserialize(body.result.data as never) as T) : undefined,
    error: body.error ? { message: body.error.json.message, code: body.error.json.data.code } : undefined,
  };
}

let counter = 0;
/** A fresh, unique email per call (suites share one Redis, so throttle keys must not collide across runs). */
export const freshEmail = (tag = 'user') => `${tag}-${crypto.randomUUID().slice(0, 8)}-${++counter}@example.test`;
/** A unique client address per call. */
export const freshIp = () => `10.${rand()}.${rand()}.${rand()}`;
const rand = () => Math.floor(Math.random() * 250) + 1;

/** A password that passes the policy. */
export const GOOD_PASSWORD = 'violet otter lamp 1987';

/** A user signed up over HTTP with a bearer session token. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** Signs a new user up over HTTP (token delivery), optionally as admin (role set in the database afterwards). */
export async function signUpUser(env: object, db: PoolDb, opts: { email?: string; password?: string; admin?: boolean } = {}): Promise<TestUser> {
  const email = opts.email ?? freshEmail();
  const password = opts.password ?? GOOD_PASSWORD;
  const r = await trpcRaw<{ user: { id: string }; token: string }>(env, 'auth.signUp', {
    type: 'mutation',
    input: { email, password, session: 'token' },
    headers: { 'cf-connecting-ip': freshIp() },
  });
  if (!r.data) throw new Error(`sign-up failed: ${r.status} ${r.error?.message}`);
  if (opts.admin) await db.update(users).set({ role: 'admin' }).where(eq(users.id, r.data.user.id));
  return { id: r.data.user.id, email, password, token: r.data.token };
}

/** Signs `user` in again over HTTP and answers the new bearer token. */
export async function signInToken(env: object, user: { email: string; password: string }): Promise<string> {
  const r = await trpcRaw<{ token: string }>(env, 'auth.signIn', {
    type: 'mutation',
    input: { email: user.email, password: user.password, session: 'token' },
    headers: { 'cf-connecting-ip': freshIp() },
  });
  if (!r.data) throw new Error(`sign-in failed: ${r.status} ${r.error?.message}`);
  return r.data.token;
}

/** Creates an API key for the bearer `token` and answers `{ id, secret }`. */
export async function createKey(env: object, token: string, scopes: ApiScope[], extra: { expiresAt?: Date } = {}): Promise<{ id: string; secret: string }> {
  const r = await trpcRaw<{ id: string; secret: string }>(env, 'apiKeys.create', {
    type: 'mutation',
    input: { name: 'test key', scopes, ...extra },
    headers: bearer(token),
  });
  if (!r.data) throw new Error(`key creation failed: ${r.status} ${r.error?.message}`);
  return r.data;
}

/** The Authorization header for `token`. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Moves the expiry of the session of `token` (to simulate time passing). */
export async function setSessionExpiry(db: PoolDb, token: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, await sha256Hex(token)));
}

/** The value of the fl_session cookie a response sets ('' when it clears it), or null when it sets none. */
export function setSessionCookieOf(res: { headers: Headers }): { value: string; attributes: string } | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('fl_session='));
  if (!header) return null;
  const [pair, ...attrs] = header.split(';');
  return { value: pair!.slice('fl_session='.length), attributes: attrs.join(';').trim() };
}
