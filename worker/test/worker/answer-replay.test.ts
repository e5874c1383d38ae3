/**
 * Replayed public answers (http/answer-replay.ts) inside workerd, through the worker's HTTP path against the real
 * Postgres and Redis: a credential-less GET of a cached procedure is answered with the bytes of the last fresh
 * answer (marked `x-cache: replay`), rate limited like any other; callers with a credential, batches, POSTs,
 * errors, another database, an invalidated scope and an answer past its fresh bound are never replayed.
 */
import { fixtures } from '@fairline/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { upstashCache } from '../../src/lib/cache.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { GENERATION_CHECK_MS } from '../../src/lib/read-cache/generations.ts';
import { DEFAULT_FRESH_MS } from '../../src/lib/read-cache/read-through.ts';
import { invalidateFixtures } from '../../src/services/cache/invalidate.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { API_ORIGIN, bearer, createKey, freshIp, signUpUser, type TestUser } from './support/auth.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';
import { callWorker } from './support/worker-http.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
let suite: SuiteDb;
let empty: SuiteDb;
let ana: TestUser;

beforeAll(async () => {
  [suite, empty] = await Promise.all([suiteDatabase(), suiteDatabase()]);
  await seedSimulatedData(suite.db, Date.now());
  ana = await signUpUser(suite.env, suite.db);
});
afterAll(async () => {
  await Promise.all([suite?.drop(), empty?.drop()]);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A tRPC GET URL of `path` with `input` (superjson envelope, as the client sends it). */
const urlOf = (path: string, input: unknown) => `${API_ORIGIN}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** One GET through the worker: status, the `x-cache` verdict, the body text and the headers. */
async function get(env: object, url: string, headers: Record<string, string> = {}) {
  const res = await callWorker(new Request(url, { headers }), env);
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text(), headers: res.headers };
}

/** A fixtures.list input no other test of this file asks for (each test starts with nothing to replay). */
let n = 0;
const listUrl = () => urlOf('fixtures.list', { sport: 'soccer', limit: 10 + ++n });

describe.runIf(hasRedis)('answer replay: credential-less GETs of cached procedures, within the read cache bounds', () => {
  it('replays the same bytes and the same headers tRPC answered, rate-limit headers included', async () => {
    const url = listUrl();
    const ip = { 'cf-connecting-ip': freshIp() };
    const computed = await get(suite.env, url, ip);
    expect(computed.status).toBe(200);
    expect(computed.cache).toBeNull();
    const replayed = await get(suite.env, url, ip);
    expect(replayed.status).toBe(200);
    expect(replayed.cache).toBe('replay');
    expect(replayed.body).toBe(computed.body);
    // The stored bytes are not consumed by an answer: the next replay has them all again.
    expect((await get(suite.env, url, ip)).body).toBe(computed.body);
    expect(JSON.parse(replayed.body).result.data.json.length).toBeGreaterThan(0);
    // Every header as tRPC's answer had it (content-type, vary, the security headers, the limit), but the request's own.
    const own = new Set(['x-ratelimit-remaining', 'x-cache', 'date']);
    const headersOf = (h: Headers) => [...h].filter(([name]) => !own.has(name));
    expect(headersOf(replayed.headers)).toEqual(headersOf(computed.headers));
    expect(replayed.headers.get('vary')).toContain('trpc-accept');
    // The limiter ran for the replay: one more unit spent.
    expect(Number(replayed.headers.get('x-ratelimit-remaining'))).toBe(Number(computed.headers.get('x-ratelimit-remaining')) - 1);
  });

  it('never replays to a caller with a credential: an API key without the scope is refused, a session is computed for', async () => {
    const url = urlOf('nfl.props.valueBets', {});
    expect((await get(suite.env, url, { 'cf-connecting-ip': freshIp() })).status).toBe(200);
    expect((await get(suite.env, url, { 'cf-connecting-ip': freshIp() })).cache).toBe('replay');
    const marketsOnly = await createKey(suite.env, ana.token, ['read:markets']);
    const refused = await get(suite.env, url, bearer(marketsOnly.secret));
    expect(refused.status).toBe(403);
    expect(refused.cache).toBeNull();
    const viaBearer = await get(suite.env, url, bearer(ana.token));
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.cache).toBeNull();
    const viaCookie = await get(suite.env, url, { cookie: `fl_session=${ana.token}` });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.cache).toBeNull();
  });

  it('never replays batches, POSTs or errors, and keeps two databases apart', async () => {
    const url = listUrl();
    const ip = { 'cf-connecting-ip': freshIp() };
    expect((await get(suite.env, url, ip)).status).toBe(200);
    const batchUrl = `${API_ORIGIN}/trpc/fixtures.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { sport: 'soccer', limit: 10 + n } } }))}`;
    expect((await get(suite.env, batchUrl, ip)).cache).toBeNull();
    expect((await get(suite.env, batchUrl, ip)).cache).toBeNull();
    const post = await callWorker(new Request(url, { method: 'POST', headers: { ...ip, 'content-type': 'application/json' }, body: '{}' }), suite.env);
    expect(post.headers.get('x-cache')).toBeNull();
    const bad = urlOf('fixtures.list', { sport: 'cricket' });
    expect((await get(suite.env, bad, ip)).status).toBe(400);
    const badAgain = await get(suite.env, bad, ip);
    expect(badAgain.status).toBe(400);
    expect(badAgain.cache).toBeNull();
    // The same URL on another database (same Redis, same isolate) is that database's answer.
    const other = await get(empty.env, url, ip);
    expect(other.cache).toBeNull();
    expect(JSON.parse(other.body).result.data.json).toEqual([]);
  });

  it('stops replaying when the scope is invalidated, and shows the new data', async () => {
    const url = urlOf('fixtures.list', { sport: 'soccer', status: 'scheduled', limit: 200 });
    const ip = { 'cf-connecting-ip': freshIp() };
    const ids = (b: string) => (JSON.parse(b).result.data.json as { id: number }[]).map((f) => f.id);
    const before = await get(suite.env, url, ip);
    expect((await get(suite.env, url, ip)).cache).toBe('replay');
    const [first] = await suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
    await suite.db.update(fixtures).set({ status: 'postponed' }).where(eq(fixtures.id, first!.id));
    // Still replayed (and still listing it) until the pipeline invalidates: the cache's stated bound.
    const cached = await get(suite.env, url, ip);
    expect(cached.cache).toBe('replay');
    expect(ids(cached.body)).toContain(first!.id);
    await invalidateFixtures({ ctx: { cache: upstashCache(testEnv.UPSTASH_REDIS_REST_URL!, testEnv.UPSTASH_REDIS_REST_TOKEN!), logger: silentLogger }, input: { fixtureIds: [first!.id], sports: ['soccer'] } });
    await new Promise((r) => setTimeout(r, GENERATION_CHECK_MS + 100));
    const after = await get(suite.env, url, ip);
    expect(after.cache).toBeNull();
    expect(ids(after.body)).not.toContain(first!.id);
    expect(ids(after.body).length).toBe(ids(before.body).length - 1);
  });

  it('does not replay an answer whose data is past the fresh bound', async () => {
    const url = listUrl();
    const ip = { 'cf-connecting-ip': freshIp() };
    expect((await get(suite.env, url, ip)).status).toBe(200);
    expect((await get(suite.env, url, ip)).cache).toBe('replay');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + DEFAULT_FRESH_MS + 1);
    const aged = await get(suite.env, url, ip);
    expect(aged.status).toBe(200);
    expect(aged.cache).toBeNull();
  });

  it('rate limits replays like any answer: past the limit it is refused with 429 and Retry-After', async () => {
    const limited = { ...suite.env, RATE_LIMIT_PER_MINUTE: '3' };
    const url = listUrl();
    const ip = { 'cf-connecting-ip': freshIp() };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get(limited, url, ip));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.cache)).toEqual([null, 'replay', 'replay', null]);
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
