/**
 * What the read cache must never do, inside workerd through the worker's HTTP path against the real Postgres and
 * Redis: serve a cached public answer to an API key that lacks the procedure's scope; cache anything user-scoped
 * (one user's portfolios to another, or a user's own stale list); let two databases behind one Redis see each
 * other's answers; or be put on a procedure that acts for a user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { buildCtx } from '../../src/runtime.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { cachedQuery } from '../../src/trpc/cached-query.ts';
import { createCallerFactory, inProcessContext, protectedProcedure, router } from '../../src/trpc/init.ts';
import { bearer, createKey, freshIp, signUpUser, trpcRaw, type TestUser } from './support/auth.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';

const hasRedis = Boolean(testEnv.UPSTASH_REDIS_REST_URL);
let suite: SuiteDb;
let empty: SuiteDb;
let ana: TestUser;
let ben: TestUser;

beforeAll(async () => {
  [suite, empty] = await Promise.all([suiteDatabase(), suiteDatabase()]);
  await seedSimulatedData(suite.db, Date.now());
  [ana, ben] = await Promise.all([signUpUser(suite.env, suite.db), signUpUser(suite.env, suite.db)]);
});
afterAll(async () => {
  await Promise.all([suite?.drop(), empty?.drop()]);
});

describe.runIf(hasRedis)('read cache: access checks first, nothing user-scoped, one namespace per database', () => {
  it('refuses an API key without the scope even when the answer is cached, and serves one with it', async () => {
    const anonymous = await trpcRaw<{ bets: unknown[] }>(suite.env, 'nfl.props.valueBets', { input: {}, headers: { 'cf-connecting-ip': freshIp() } });
    expect(anonymous.status).toBe(200);
    const marketsOnly = await createKey(suite.env, ana.token, ['read:markets']);
    const refused = await trpcRaw(suite.env, 'nfl.props.valueBets', { input: {}, headers: bearer(marketsOnly.secret) });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeUndefined();
    const props = await createKey(suite.env, ana.token, ['read:props']);
    const served = await trpcRaw<{ bets: unknown[] }>(suite.env, 'nfl.props.valueBets', { input: {}, headers: bearer(props.secret) });
    expect(served.status).toBe(200);
    expect(served.data).toEqual(anonymous.data);
  });

  it('never shares or freezes a user list: each user sees only their own portfolios, and a new one at once', async () => {
    const create = (u: TestUser, name: string) =>
      trpcRaw(suite.env, 'portfolios.create', { type: 'mutation', input: { name, currency: 'GBP', startingBankroll: 100 }, headers: bearer(u.token) });
    const list = async (u: TestUser) => {
      const r = await trpcRaw<{ name: string }[]>(suite.env, 'portfolios.list', { headers: bearer(u.token) });
      expect(r.status).toBe(200);
      return r.data!.map((p) => p.name).sort();
    };
    expect((await create(ana, 'Ana one')).status).toBe(200);
    expect(await list(ana)).toEqual(['Ana one']);
    expect(await list(ben)).toEqual([]);
    expect((await create(ana, 'Ana two')).status).toBe(200);
    expect(await list(ana)).toEqual(['Ana one', 'Ana two']);
    expect((await create(ben, 'Ben one')).status).toBe(200);
    expect(await list(ben)).toEqual(['Ben one']);
    expect(await list(ana)).toEqual(['Ana one', 'Ana two']);
  });

  it('keeps two databases behind one Redis apart: a cached list of one is not the answer of the other', async () => {
    const headers = { 'cf-connecting-ip': freshIp() };
    const seeded = await trpcRaw<unknown[]>(suite.env, 'fixtures.list', { input: { sport: 'soccer', limit: 5 }, headers });
    expect(seeded.status).toBe(200);
    expect(seeded.data!.length).toBeGreaterThan(0);
    const other = await trpcRaw<unknown[]>(empty.env, 'fixtures.list', { input: { sport: 'soccer', limit: 5 }, headers });
    expect(other.status).toBe(200);
    expect(other.data).toEqual([]);
  });

  it('refuses to cache a procedure that acts for a user (it never runs the verb)', async () => {
    let ran = 0;
    const mine = router({ mine: protectedProcedure.query(cachedQuery('all', async () => ++ran)) });
    const built = buildCtx(loadConfig(suite.env), silentLogger);
    try {
      const user = { id: ana.id, email: ana.email, role: 'user', plan: 'free' } as never;
      const caller = createCallerFactory(mine)(inProcessContext(built.ctx, { kind: 'session', user, sessionId: 's', viaCookie: false }));
      await expect(caller.mine()).rejects.toThrow();
      expect(ran).toBe(0);
    } finally {
      await built.dispose();
    }
  });
});
