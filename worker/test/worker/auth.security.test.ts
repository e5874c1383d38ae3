/**
 * The account, session and API key security suite, inside workerd against the real Postgres and Redis, through the
 * worker's HTTP path as an attacker would call it: no credentials, wrong and tampered tokens, expired sessions,
 * revoked and expired keys, keys without the scope, other users' session and key ids, brute-force sign-in, the
 * unknown-email vs wrong-password answer, and cross-origin cookie POSTs.
 */
import { apiKeys, sessions } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/secrets.ts';
import { upstashCache } from '../../src/lib/cache.ts';
import { chargeSignInAttempt, SIGN_IN_THROTTLE, SIGN_UP_THROTTLE } from '../../src/services/auth/throttle.ts';
import {
  API_ORIGIN, bearer, createKey, freshEmail, freshIp, GOOD_PASSWORD, setSessionCookieOf, setSessionExpiry, signUpUser, trpcRaw, type TestUser,
} from './support/auth.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
let suite: SuiteDb;
let ana: TestUser;
let ben: TestUser;

beforeAll(async () => {
  suite = await suiteDatabase();
  [ana, ben] = await Promise.all([signUpUser(suite.env, suite.db), signUpUser(suite.env, suite.db)]);
});
afterAll(async () => {
  await suite?.drop();
});

const q = <T = unknown>(path: string, headers: Record<string, string> = {}, input?: unknown) => trpcRaw<T>(suite.env, path, { headers, input });
const m = <T = unknown>(path: string, headers: Record<string, string> = {}, input?: unknown) => trpcRaw<T>(suite.env, path, { type: 'mutation', headers, input });

/** A one-character change inside a token (same length, same shape). */
const tamper = (token: string) => {
  const i = token.length - 5;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
};

describe('no credentials', () => {
  it('reads public data, is nobody to auth.me, and is refused everything that needs a user or an admin', async () => {
    expect((await q('fixtures.list', {}, {})).status).toBe(200);
    expect((await q('auth.me')).data).toBeNull();
    for (const path of ['auth.sessions', 'apiKeys.list']) expect((await q(path)).error?.code, path).toBe('UNAUTHORIZED');
    expect((await m('apiKeys.create', { origin: API_ORIGIN }, { name: 'x', scopes: ['read:markets'] })).error?.code).toBe('UNAUTHORIZED');
    expect((await m('auth.changePassword', { origin: API_ORIGIN }, { currentPassword: 'a', newPassword: GOOD_PASSWORD })).error?.code).toBe('UNAUTHORIZED');
    expect((await q('admin.models.list', {}, {})).error?.code).toBe('UNAUTHORIZED');
  });
});

describe('wrong or tampered credentials', () => {
  it('answer 401 on every procedure, public ones included — a bad bearer is never treated as anonymous', async () => {
    const key = await createKey(suite.env, ana.token, ['read:markets']);
    const bad = [
      tamper(ana.token),
      `fls_${'A'.repeat(43)}`,
      'fls_short',
      tamper(key.secret),
      `${key.secret.slice(0, 12)}_${'A'.repeat(43)}`,
      'fl_nope',
      'not-the-admin-token',
      `${testEnv.ADMIN_TOKEN}x`,
    ];
    for (const token of bad) {
      const r = await q('fixtures.list', bearer(token), {});
      expect(r.status, token).toBe(401);
      expect(r.error?.code).toBe('UNAUTHORIZED');
      expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
    // The genuine ones still work.
    expect((await q('fixtures.list', bearer(key.secret), {})).status).toBe(200);
    expect((await q('auth.me', bearer(ana.token))).data).toMatchObject({ user: { id: ana.id }, via: 'session' });
  });

  it('a tampered session cookie is anonymous and the answer clears the cookie', async () => {
    const r = await q('auth.me', { cookie: `fl_session=${tamper(ana.token)}` });
    expect(r.status).toBe(200);
    expect(r.data).toBeNull();
    expect(setSessionCookieOf(r)?.value).toBe('');
  });
});

describe('expired sessions', () => {
  it('stop working as bearer (401) and as cookie (anonymous, cookie cleared)', async () => {
    const user = await signUpUser(suite.env, suite.db);
    expect((await q('auth.me', bearer(user.token))).data).not.toBeNull();
    await setSessionExpiry(suite.db, user.token, new Date(Date.now() - 1000));
    expect((await q('auth.me', bearer(user.token))).status).toBe(401);
    const viaCookie = await q('auth.me', { cookie: `fl_session=${user.token}` });
    expect(viaCookie.data).toBeNull();
    expect(setSessionCookieOf(viaCookie)?.value).toBe('');
    expect((await q('auth.sessions', { cookie: `fl_session=${user.token}` })).error?.code).toBe('UNAUTHORIZED');
  });
});

describe('revoked and expired API keys', () => {
  it('get 401 from the request after the revocation, and after the expiry', async () => {
    const key = await createKey(suite.env, ana.token, ['read:markets']);
    expect((await q('fixtures.list', bearer(key.secret), {})).status).toBe(200);
    const revoked = await m('apiKeys.revoke', bearer(ana.token), { id: key.id });
    expect(revoked.data).toMatchObject({ id: key.id, status: 'revoked' });
    const after = await q('fixtures.list', bearer(key.secret), {});
    expect(after.status).toBe(401);
    expect(after.error?.message).toBe('invalid, revoked or expired API key');

    const expiring = await createKey(suite.env, ana.token, ['read:markets'], { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await q('fixtures.list', bearer(expiring.secret), {})).status).toBe(200);
    await suite.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id));
    expect((await q('fixtures.list', bearer(expiring.secret), {})).status).toBe(401);
    const listed = (await q<{ id: string; status: string }[]>('apiKeys.list', bearer(ana.token))).data!;
    expect(listed.find((k) => k.id === expiring.id)?.status).toBe('expired');
  });
});

describe('API keys without the scope', () => {
  it('get 403 on procedures that declare another scope, and on account, key and admin procedures', async () => {
    const props = await createKey(suite.env, ana.token, ['read:props']);
    const markets = await createKey(suite.env, ana.token, ['read:markets']);
    const noMarkets = await q('fixtures.list', bearer(props.secret), {});
    expect(noMarkets.status).toBe(403);
    expect(noMarkets.error).toEqual({ code: 'FORBIDDEN', message: 'this API key lacks the scope read:markets' });
    expect((await q('nfl.props.valueBets', bearer(markets.secret))).error?.code).toBe('FORBIDDEN');
    expect((await q('fixtures.list', bearer(markets.secret), {})).status).toBe(200);
    // Keys cannot manage accounts or keys, nor act as an admin — even an admin's key.
    expect((await q('apiKeys.list', bearer(markets.secret))).error?.code).toBe('FORBIDDEN');
    expect((await m('apiKeys.create', bearer(markets.secret), { name: 'child', scopes: ['read:markets'] })).error?.code).toBe('FORBIDDEN');
    expect((await q('auth.sessions', bearer(markets.secret))).error?.code).toBe('FORBIDDEN');
    const admin = await signUpUser(suite.env, suite.db, { admin: true });
    const adminKey = await createKey(suite.env, admin.token, ['read:markets', 'read:props']);
    expect((await q('admin.models.list', bearer(adminKey.secret), {})).error?.code).toBe('FORBIDDEN');
    expect((await q('admin.models.list', bearer(admin.token), {})).status).toBe(200);
  });
});

describe('another user’s session id or key id', () => {
  it('answers NOT_FOUND like an unknown id, and leaves the other user’s session and key working', async () => {
    const benSessions = (await q<{ id: string; current: boolean }[]>('auth.sessions', bearer(ben.token))).data!;
    const benSession = benSessions.find((s) => s.current)!;
    expect(benSession.id).toBe(await sha256Hex(ben.token));
    const r = await m('auth.revokeSession', bearer(ana.token), { id: benSession.id });
    expect(r.error).toEqual({ code: 'NOT_FOUND', message: 'session not found' });
    const unknown = await m('auth.revokeSession', bearer(ana.token), { id: 'a'.repeat(64) });
    expect(unknown.error).toEqual(r.error);
    expect((await q('auth.me', bearer(ben.token))).data).toMatchObject({ user: { id: ben.id } });

    const benKey = await createKey(suite.env, ben.token, ['read:markets']);
    const k = await m('apiKeys.revoke', bearer(ana.token), { id: benKey.id });
    expect(k.error).toEqual({ code: 'NOT_FOUND', message: 'API key not found' });
    expect((await m('apiKeys.revoke', bearer(ana.token), { id: crypto.randomUUID() })).error).toEqual(k.error);
    expect((await q('fixtures.list', bearer(benKey.secret), {})).status).toBe(200);
    // Ana's listings never show Ben's sessions or keys.
    const anaKeys = (await q<{ id: string }[]>('apiKeys.list', bearer(ana.token))).data!;
    expect(anaKeys.some((x) => x.id === benKey.id)).toBe(false);
    expect(((await q<{ id: string }[]>('auth.sessions', bearer(ana.token))).data!).some((s) => s.id === benSession.id)).toBe(false);
  });
});

describe.runIf(hasRedis)('brute-force sign-in', () => {
  it('is throttled per account: over the limit even the right password is refused, with Retry-After', async () => {
    const user = await signUpUser(suite.env, suite.db);
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount; i++) {
      // A new address each time: the account limit alone must stop it.
      const r = await m('auth.signIn', { 'cf-connecting-ip': freshIp() }, { email: user.email, password: `wrong guess ${i} xyz`, session: 'token' });
      expect(r.error?.code).toBe('UNAUTHORIZED');
    }
    const blocked = await m('auth.signIn', { 'cf-connecting-ip': freshIp() }, { email: user.email, password: user.password, session: 'token' });
    expect(blocked.status).toBe(429);
    expect(blocked.error?.code).toBe('TOO_MANY_REQUESTS');
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(SIGN_IN_THROTTLE.windowSeconds);
    // Other accounts are not affected.
    expect((await m('auth.signIn', { 'cf-connecting-ip': freshIp() }, { email: ana.email, password: ana.password, session: 'token' })).status).toBe(200);
  });

  it('is throttled per client address across accounts (credential stuffing), unknown emails included', async () => {
    const ip = freshIp();
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress; i++) {
      const r = await m('auth.signIn', { 'cf-connecting-ip': ip }, { email: freshEmail('stuffed'), password: 'some leaked password', session: 'token' });
      expect(r.error?.code, `attempt ${i + 1}`).toBe('UNAUTHORIZED');
    }
    const blocked = await m('auth.signIn', { 'cf-connecting-ip': ip }, { email: ana.email, password: ana.password, session: 'token' });
    expect(blocked.error?.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same account from another address still signs in.
    expect((await m('auth.signIn', { 'cf-connecting-ip': freshIp() }, { email: ana.email, password: ana.password, session: 'token' })).status).toBe(200);
  });
});

describe.runIf(hasRedis)('sign-up from one address', () => {
  it('is throttled (it answers CONFLICT for a taken email, so it must not be an unbounded account-existence oracle)', async () => {
    const ip = freshIp();
    const taken = await m('auth.signUp', { 'cf-connecting-ip': ip }, { email: ana.email, password: GOOD_PASSWORD, session: 'token' });
    expect(taken.error?.code).toBe('CONFLICT');
    for (let i = 1; i < SIGN_UP_THROTTLE.perAddress; i++) {
      // Refused before hashing (a common password) still counts: the count is taken first.
      const r = await m('auth.signUp', { 'cf-connecting-ip': ip }, { email: freshEmail('probe'), password: 'Password1234!', session: 'token' });
      expect(r.error?.code).toBe('BAD_REQUEST');
    }
    const blocked = await m('auth.signUp', { 'cf-connecting-ip': ip }, { email: ana.email, password: GOOD_PASSWORD, session: 'token' });
    expect(blocked.error?.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await m('auth.signUp', { 'cf-connecting-ip': freshIp() }, { email: freshEmail(), password: GOOD_PASSWORD, session: 'token' })).status).toBe(200);
  });
});

describe('the sign-in throttle without Redis', () => {
  it('fails open and logs when Redis hangs, within the Redis timeout', async () => {
    const lines: string[] = [];
    const logger = { info() {}, error() {}, warn: (msg: string) => void lines.push(msg) };
    const t0 = performance.now();
    await expect(
      chargeSignInAttempt({ cache: upstashCache(testEnv.TEST_SILENT_URL, 'x'), logger }, { email: freshEmail(), address: '4:10.0.0.1' }),
    ).resolves.toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(lines).toEqual(['sign-in throttle unavailable: failing open']);
  });

  it('lets sign-in work on a platform without a cache tier', async () => {
    const env = { ...suite.env, UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '' };
    const r = await trpcRaw(env, 'auth.signIn', { type: 'mutation', input: { email: ana.email, password: ana.password, session: 'token' } });
    expect(r.status).toBe(200);
  });
});

describe('unknown email vs wrong password', () => {
  it('answers identically (status, code, message) and in similar time', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const attempt = async (email: string) => {
      const t0 = performance.now();
      const r = await m('auth.signIn', { 'cf-connecting-ip': freshIp() }, { email, password: 'not the password at all', session: 'token' });
      return { ms: performance.now() - t0, status: r.status, error: r.error, cookie: setSessionCookieOf(r) };
    };
    const unknown: Awaited<ReturnType<typeof attempt>>[] = [];
    const wrong: Awaited<ReturnType<typeof attempt>>[] = [];
    // Interleaved, so load on the machine hits both alike; under the per-account limit (fresh unknown emails each time).
    for (let i = 0; i < 4; i++) {
      unknown.push(await attempt(freshEmail('nobody')));
      wrong.push(await attempt(user.email));
    }
    for (const a of [...unknown, ...wrong]) {
      expect({ status: a.status, error: a.error, cookie: a.cookie }).toEqual({
        status: 401,
        error: { code: 'UNAUTHORIZED', message: 'invalid email or password' },
        cookie: null,
      });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [u, w] = [median(unknown.map((a) => a.ms)), median(wrong.map((a) => a.ms))];
    // Both pay one argon2id verification (hundreds of ms); a skipped hash would make the unknown email ~100× faster.
    expect(u / w).toBeGreaterThan(0.6);
    expect(u / w).toBeLessThan(1.6);
  });
});

describe('cross-origin cookie requests', () => {
  /** Signs in over HTTP in cookie mode from this origin and answers the cookie value. */
  async function cookieSession(user: TestUser): Promise<string> {
    const r = await m('auth.signIn', { origin: API_ORIGIN, 'cf-connecting-ip': freshIp() }, { email: user.email, password: user.password });
    const cookie = setSessionCookieOf(r);
    if (!cookie?.value) throw new Error(`no session cookie: ${r.status} ${r.error?.message}`);
    return cookie.value;
  }

  it('refuses a cookie-authenticated POST from another origin (or with no Origin), and changes nothing', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const cookie = `fl_session=${await cookieSession(user)}`;
    const create = (headers: Record<string, string>) => m('apiKeys.create', { cookie, ...headers }, { name: 'csrf', scopes: ['read:markets'] });
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: API_ORIGIN, 'sec-fetch-site': 'cross-site' },
      { origin: 'http://api.test.evil.example' },
      {},
    ];
    for (const headers of refused) {
      const r = await create(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.error?.code).toBe('FORBIDDEN');
    }
    const revoke = await m('auth.revokeSession', { cookie, origin: 'https://evil.example' }, { id: await sha256Hex(user.token) });
    expect(revoke.status).toBe(403);
    expect((await q('auth.me', bearer(user.token))).data).not.toBeNull();
    expect((await q<unknown[]>('apiKeys.list', { cookie })).data).toEqual([]);
    // The same request from the site itself, or through the web app's proxy, goes through.
    expect((await create({ origin: API_ORIGIN, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await create({ origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' })).status).toBe(200);
    // A cookie query (a read) needs no Origin.
    expect((await q<unknown[]>('apiKeys.list', { cookie })).data).toHaveLength(2);
  });

  it('refuses a cross-origin sign-in (login CSRF) and sign-up', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const r = await m('auth.signIn', { origin: 'https://evil.example', 'cf-connecting-ip': freshIp() }, { email: user.email, password: user.password });
    expect(r.status).toBe(403);
    expect(setSessionCookieOf(r)).toBeNull();
    const up = await m('auth.signUp', { origin: 'https://evil.example' }, { email: freshEmail(), password: GOOD_PASSWORD });
    expect(up.status).toBe(403);
  });

  it('lets bearer-authenticated mutations through whatever the Origin (browsers never attach a bearer by themselves)', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const r = await m('apiKeys.create', { ...bearer(user.token), origin: 'https://partner.example' }, { name: 'partner', scopes: ['read:markets'] });
    expect(r.status).toBe(200);
  });
});

describe('sessions in the database', () => {
  it('store only the SHA-256 of the token', async () => {
    const rows = await suite.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, ana.id));
    expect(rows.map((r) => r.id)).toContain(await sha256Hex(ana.token));
    expect(rows.some((r) => r.id.includes(ana.token.slice(4, 20)))).toBe(false);
  });
});
