/**
 * The REST surface in workerd against the real Postgres and Redis: /api/openapi.json lists every public read,
 * /api/v1 answers what the tRPC procedure answers (as plain JSON), takes only an API key (401 without, 403 without
 * the route's scope), validates input like tRPC, and is charged by the same limiter with the route's weight.
 */
import type { ApiScope } from '@fairline/db';
import type { AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstashCache } from '../../src/lib/cache.ts';
import { minuteBucketKey } from '../../src/lib/rate-limit/keys.ts';
import { TIER_LIMITS, WEIGHT } from '../../src/lib/rate-limit/plans.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { appRouter } from '../../src/trpc/router.ts';
import { nextGame, suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';
import { callWorker, trpcClient } from './support/worker-http.ts';

// Seeded relative to the real clock: the value finders look for games kicking off after the worker's now.
const NOW = Date.now();
let suite: SuiteDb;
let markets: string; // a key with read:markets only
let both: string; // read:markets + read:props
let sessionToken: string;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
  const email = `rest-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const signedUp = await trpcClient(suite.env).auth.signUp.mutate({ email, password: 'violet otter lamp 1987', session: 'token' });
  sessionToken = signedUp.token!;
  const owner = trpcClient(suite.env, { token: sessionToken });
  const key = (name: string, scopes: ApiScope[]) => owner.apiKeys.create.mutate({ name, scopes }).then((k) => k.secret);
  [markets, both] = await Promise.all([key('markets', ['read:markets']), key('both', ['read:markets', 'read:props'])]);
});
afterAll(async () => {
  await suite?.drop();
});

/** GET /api/v1<path> with an optional bearer credential; the JSON body, status and headers. */
async function rest(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await callWorker(new Request(`http://api.test/api/v1${path}`, { ...init, headers }), suite.env);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> & { error?: string; message?: string } };
}
/** What a tRPC answer looks like once serialised as plain JSON (dates become ISO strings). */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('/api/openapi.json', () => {
  it('is OpenAPI 3.1 and lists every public read (every query outside admin, auth, apiKeys, portfolios, bets and preferences), and nothing else', async () => {
    const res = await callWorker(new Request('http://api.test/api/openapi.json'), suite.env);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    const documented = Object.values(doc.paths).flatMap((ops) => Object.entries(ops).map(([method, op]) => `${method} ${op.operationId}`)).sort();
    const publicReads = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)
      // portfolios.* and bets.* are a user's own reads (protectedProcedure, scope write:portfolio), preferences.* the
      // signed-in user's display settings (sessions only, no API key): not public reads.
      .filter(([path, p]) => p._def.type === 'query' && !/^(admin|auth|apiKeys|portfolios|bets|preferences)\./.test(path))
      .map(([path]) => `get ${path.replace(/\./g, '-')}`)
      .sort();
    expect(publicReads.length).toBeGreaterThanOrEqual(10);
    expect(documented).toEqual(publicReads);
    // Every route takes the API key.
    for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) expect(op.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/fixtures/{id}']?.get?.operationId).toBe('fixtures-byId');
  });

  it('serves the interactive reference at /api/docs, its script under the page nonce', async () => {
    const res = await callWorker(new Request('http://api.test/api/docs'), suite.env);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/openapi.json');
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
  });
});

describe('/api/v1 answers what the tRPC procedures answer', () => {
  it('fixtures: the list with query filters, and one by path parameter', async () => {
    const viaTrpc = await trpcClient(suite.env, { token: markets }).fixtures.list.query({ sport: 'nfl', status: 'scheduled', limit: 5 });
    const r = await rest('/fixtures?sport=nfl&status=scheduled&limit=5', markets);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(asJson(viaTrpc));
    expect(viaTrpc).toHaveLength(5);
    const one = await rest(`/fixtures/${viaTrpc[0]!.id}`, markets);
    expect(one.body).toEqual(asJson(viaTrpc[0]));
  });

  it('soccer fair prices, NFL game lines and props by fixture, and the value finders', async () => {
    const soccer = await nextGame(suite.db, 'soccer');
    const nfl = await nextGame(suite.db, 'nfl');
    const api = trpcClient(suite.env, { token: both });
    expect((await rest(`/soccer/fixtures/${soccer.id}/fair-prices`, both)).body).toEqual(asJson(await api.soccer.fairPrices.query({ fixtureId: soccer.id })));
    expect((await rest(`/nfl/fixtures/${nfl.id}/game-lines`, both)).body).toEqual(asJson(await api.nfl.gameLines.byFixture.query({ fixtureId: nfl.id })));
    const props = await api.nfl.props.byFixture.query({ fixtureId: nfl.id, markets: ['passing_yards', 'receptions'] });
    expect(props.players.length).toBeGreaterThan(0);
    expect((await rest(`/nfl/fixtures/${nfl.id}/props?markets=passing_yards&markets=receptions`, both)).body).toEqual(asJson(props));
    const line = await api.nfl.gameLines.priceLine.query({ fixtureId: nfl.id, market: 'spread', line: -3.5 });
    expect((await rest(`/nfl/game-lines/price-line?fixtureId=${nfl.id}&market=spread&line=-3.5`, both)).body).toEqual(asJson(line));
    // The value finders stamp their own clock (asOf): the bets must agree.
    const bets = await api.nfl.props.valueBets.query({ minEdge: 0, days: 14, limit: 20 });
    expect(bets.bets.length).toBeGreaterThan(0);
    const viaRest = await rest('/nfl/props/value-bets?minEdge=0&days=14&limit=20', both);
    expect(viaRest.status).toBe(200);
    expect({ ...viaRest.body, asOf: null }).toEqual({ ...(asJson(bets) as object), asOf: null });
  });

  it('validates input as tRPC does: 400 with the issues; an unknown fixture is 404', async () => {
    const bad = await rest('/fixtures?limit=abc', markets);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('BAD_REQUEST');
    expect(bad.body.message).toMatch(/^invalid input: limit: /);
    expect(bad.body.issues).toEqual([{ path: 'limit', message: expect.any(String) }]);
    const missing = await rest('/fixtures/999999', markets);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'NOT_FOUND', message: 'fixture 999999 not found' });
    expect((await rest('/nope', markets)).status).toBe(404);
    expect((await rest('/fixtures', markets, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(405);
  });
});

describe('/api/v1 authenticates like tRPC, and only with an API key', () => {
  it('401 without a key, with a wrong one, or with a web session; 403 for a key without the route’s scope', async () => {
    const none = await rest('/fixtures');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'UNAUTHORIZED', message: 'an API key is required: Authorization: Bearer fl_<prefix>_<secret>' });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await rest('/fixtures', `${markets.slice(0, -4)}AAAA`)).status).toBe(401);
    expect((await rest('/fixtures', sessionToken)).status).toBe(401);
    const wrongScope = await rest('/nfl/props/value-bets', markets);
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.body).toEqual({ error: 'FORBIDDEN', message: 'this API key lacks the scope read:props' });
    expect((await rest('/nfl/game-lines/value-bets', markets)).status).toBe(200);
  });
});

describe.runIf(Boolean(testEnv.UPSTASH_REDIS_REST_URL))('/api/v1 goes through the same limiter as /trpc', () => {
  it('charges the route’s weight to the key, and answers 429 with Retry-After when the key’s minute is spent', async () => {
    const owner = trpcClient(suite.env, { token: sessionToken });
    const key = await owner.apiKeys.create.mutate({ name: 'limited', scopes: ['read:props'] });
    const first = await rest('/nfl/props/value-bets?days=1', key.secret);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe(String(TIER_LIMITS.free.perMinute));
    expect(first.headers.get('x-ratelimit-remaining')).toBe(String(TIER_LIMITS.free.perMinute - WEIGHT.scan));
    // Spend the key's minute (its bucket's next free unit a minute and a half away), as 600 calls would.
    await upstashCache(testEnv.UPSTASH_REDIS_REST_URL!, testEnv.UPSTASH_REDIS_REST_TOKEN!).redis.set(minuteBucketKey(`key:${key.id}`), String(Date.now() + 90_000), { px: 90_000 });
    const refused = await rest('/nfl/props/value-bets?days=1', key.secret);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(30);
    // The usage meter saw both: one admitted call of 5 units, one refused.
    const usage = await owner.apiKeys.usage.query();
    expect(usage.keys.find((k) => k.keyId === key.id)?.days[0]).toMatchObject({ calls: 1, units: WEIGHT.scan, refused: 1 });
  });
});
