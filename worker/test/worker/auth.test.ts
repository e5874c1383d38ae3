/**
 * Accounts, sessions and API keys on the happy path, inside workerd through the worker's HTTP path: sign-up and
 * sign-in in cookie and token mode, the cookie's attributes, sliding expiry, password change and re-hash, sign-out,
 * and the API key lifecycle. The attacks are in auth.security.test.ts.
 */
import { apiKeys, sessions, users } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/secrets.ts';
import { hashPassword } from '../../src/services/auth/password.ts';
import { SESSION_TTL_MS } from '../../src/services/auth/sessions.ts';
import {
  API_ORIGIN, bearer, createKey, freshEmail, freshIp, GOOD_PASSWORD, setSessionCookieOf, setSessionExpiry, signInToken, signUpUser, trpcRaw,
} from './support/auth.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';

let suite: SuiteDb;
beforeAll(async () => {
  suite = await suiteDatabase();
});
afterAll(async () => {
  await suite?.drop();
});

const q = <T = unknown>(path: string, headers: Record<string, string> = {}, input?: unknown) => trpcRaw<T>(suite.env, path, { headers, input });
const m = <T = unknown>(path: string, headers: Record<string, string> = {}, input?: unknown) => trpcRaw<T>(suite.env, path, { type: 'mutation', headers, input });
const DAY = 86_400_000;

describe('sign-up and sign-in', () => {
  it('sign up in cookie mode: an HttpOnly SameSite=Lax cookie (not Secure on local http), no token in the body', async () => {
    const email = freshEmail('Cookie');
    const r = await m<{ user: { email: string; role: string; plan: string }; token: string | null; expiresAt: Date }>(
      'auth.signUp',
      { origin: API_ORIGIN },
      { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD },
    );
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ user: { email: email.toLowerCase(), role: 'user', plan: 'free' }, token: null });
    expect(r.data!.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_TTL_MS - 60_000);
    const cookie = setSessionCookieOf(r)!;
    expect(cookie.value).toMatch(/^fls_[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toMatch(/Path=\//);
    expect(cookie.attributes).toMatch(/HttpOnly/);
    expect(cookie.attributes).toMatch(/SameSite=Lax/);
    expect(cookie.attributes).toMatch(/Max-Age=259(19\d\d|2000);/); // 30 days, less the time the sign-up took
    expect(cookie.attributes).not.toMatch(/Secure/);
    const me = await q('auth.me', { cookie: `fl_session=${cookie.value}` });
    expect(me.data).toMatchObject({ user: { email: email.toLowerCase() }, via: 'session' });
  });

  it('the cookie is Secure in production', async () => {
    const r = await trpcRaw(
      { ...suite.env, ENVIRONMENT: 'production' },
      'auth.signUp',
      { type: 'mutation', headers: { origin: API_ORIGIN, 'cf-connecting-ip': freshIp() }, input: { email: freshEmail(), password: GOOD_PASSWORD } },
    );
    expect(r.status).toBe(200);
    expect(setSessionCookieOf(r)!.attributes).toMatch(/; ?Secure/);
  });

  it('refuses a weak password, an invalid email and a taken email (any case)', async () => {
    const email = freshEmail();
    expect((await m('auth.signUp', {}, { email, password: 'short' })).error?.code).toBe('BAD_REQUEST');
    const common = await m('auth.signUp', {}, { email, password: 'Password1234!' });
    expect(common.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/less common password/) });
    expect((await m('auth.signUp', {}, { email: 'not-an-email', password: GOOD_PASSWORD })).error?.code).toBe('BAD_REQUEST');
    expect((await m('auth.signUp', {}, { email, password: GOOD_PASSWORD })).status).toBe(200);
    const again = await m('auth.signUp', {}, { email: email.toUpperCase(), password: GOOD_PASSWORD });
    expect(again.error).toEqual({ code: 'CONFLICT', message: 'an account with this email already exists' });
  });

  it('sign in in token mode answers a bearer token that authenticates, and the sessions list marks it current', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const token = await signInToken(suite.env, { email: user.email.toUpperCase(), password: user.password });
    expect(token).toMatch(/^fls_/);
    expect(token).not.toBe(user.token);
    const list = (await q<{ id: string; current: boolean }[]>('auth.sessions', bearer(token))).data!;
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)?.id).toBe(await sha256Hex(token));
  });

  it('re-hashes a password stored below the current parameters on the next sign-in', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const weak = await hashPassword(user.password, { m: 4096, t: 1, p: 1 });
    await suite.db.update(users).set({ passwordHash: weak }).where(eq(users.id, user.id));
    await signInToken(suite.env, user);
    const [row] = await suite.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await signInToken(suite.env, user);
  });
});

describe('sessions', () => {
  it('slide: a session with under 15 days left is extended to 30 days, and a cookie client gets the cookie again', async () => {
    const user = await signUpUser(suite.env, suite.db);
    await setSessionExpiry(suite.db, user.token, new Date(Date.now() + 20 * DAY));
    const untouched = await q('auth.me', { cookie: `fl_session=${user.token}` });
    expect(setSessionCookieOf(untouched)).toBeNull();
    await setSessionExpiry(suite.db, user.token, new Date(Date.now() + 10 * DAY));
    const slid = await q('auth.me', { cookie: `fl_session=${user.token}` });
    expect(setSessionCookieOf(slid)).toMatchObject({ value: user.token, attributes: expect.stringMatching(/Max-Age=259\d{4}/) });
    const [row] = await suite.db.select({ e: sessions.expiresAt }).from(sessions).where(eq(sessions.id, await sha256Hex(user.token)));
    expect(row!.e.getTime() - Date.now()).toBeGreaterThan(29 * DAY);
  });

  it('changing the password ends the other sessions and keeps this one; the old password stops working', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const other = await signInToken(suite.env, user);
    const newPassword = 'a brand new passphrase 42';
    const wrong = await m('auth.changePassword', bearer(user.token), { currentPassword: 'nope nope nope', newPassword });
    expect(wrong.error?.code).toBe('UNAUTHORIZED');
    const r = await m('auth.changePassword', bearer(user.token), { currentPassword: user.password, newPassword });
    expect(r.data).toEqual({ otherSessionsEnded: 1 });
    expect((await q('auth.me', bearer(other))).status).toBe(401);
    expect((await q('auth.me', bearer(user.token))).data).not.toBeNull();
    expect((await m('auth.signIn', { 'cf-connecting-ip': freshIp() }, { email: user.email, password: user.password })).error?.code).toBe('UNAUTHORIZED');
    await signInToken(suite.env, { email: user.email, password: newPassword });
  });

  it('revoking one of my sessions ends it; signing out ends mine and clears the cookie', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const second = await signInToken(suite.env, user);
    const r = await m<{ current: boolean }>('auth.revokeSession', bearer(user.token), { id: await sha256Hex(second) });
    expect(r.data).toMatchObject({ current: false });
    expect((await q('auth.me', bearer(second))).status).toBe(401);

    const cookie = `fl_session=${user.token}`;
    const out = await m('auth.signOut', { cookie, origin: API_ORIGIN });
    expect(out.data).toEqual({ signedOut: true });
    expect(setSessionCookieOf(out)?.value).toBe('');
    expect((await q('auth.me', { cookie })).data).toBeNull();
    expect((await q('auth.me', bearer(user.token))).status).toBe(401);
  });
});

describe('API keys', () => {
  it('create shows the secret once; list shows prefix, scopes, created and last used, never the secret', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const created = await m<{ id: string; secret: string; prefix: string; scopes: string[]; status: string }>(
      'apiKeys.create',
      bearer(user.token),
      { name: 'pricing bot', scopes: ['read:props', 'read:markets'] },
    );
    const key = created.data!;
    expect(key.secret).toMatch(/^fl_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key).toMatchObject({ scopes: ['read:markets', 'read:props'], status: 'active' });
    const [stored] = await suite.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored!.hash).toBe(await sha256Hex(key.secret));
    expect(JSON.stringify(stored)).not.toContain(key.secret.slice(12));

    const before = (await q<Record<string, unknown>[]>('apiKeys.list', bearer(user.token))).data!;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ id: key.id, name: 'pricing bot', prefix: key.prefix, lastUsedAt: null });
    expect(before[0]).not.toHaveProperty('secret');
    expect(before[0]).not.toHaveProperty('hash');

    // A key authenticates as its user; last_used_at is written once, not on every call within the minute.
    expect((await q('auth.me', bearer(key.secret))).data).toMatchObject({ user: { id: user.id }, via: 'apiKey', keyId: key.id });
    const [first] = await suite.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(first!.at).not.toBeNull();
    await q('fixtures.list', bearer(key.secret), {});
    const [second] = await suite.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(second!.at).toEqual(first!.at);
  });

  it('validates scopes and expiry', async () => {
    const user = await signUpUser(suite.env, suite.db);
    expect((await m('apiKeys.create', bearer(user.token), { name: 'x', scopes: [] })).error?.code).toBe('BAD_REQUEST');
    expect((await m('apiKeys.create', bearer(user.token), { name: 'x', scopes: ['write:everything'] })).error?.code).toBe('BAD_REQUEST');
    expect((await m('apiKeys.create', bearer(user.token), { name: 'x', scopes: ['read:live'], expiresAt: new Date(Date.now() - 1) })).error?.code).toBe('BAD_REQUEST');
    const ok = await createKey(suite.env, user.token, ['read:live'], { expiresAt: new Date(Date.now() + 7 * DAY) });
    expect(ok.id).toBeTruthy();
  });
});

describe('admin procedures', () => {
  it('are open to a signed-in admin and to the machine token, closed to other users', async () => {
    const admin = await signUpUser(suite.env, suite.db, { admin: true });
    const user = await signUpUser(suite.env, suite.db);
    expect((await q('admin.models.list', bearer(admin.token), {})).data).toEqual([]);
    expect((await q('admin.models.list', bearer('test-admin-token'), {})).data).toEqual([]);
    const refused = await q('admin.models.list', bearer(user.token), {});
    expect(refused.error).toEqual({ code: 'FORBIDDEN', message: 'admin role required' });
  });
});
