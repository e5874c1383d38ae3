/**
 * The IDOR suite of portfolios and bets, inside workerd against the real Postgres and Redis, through the worker's HTTP
 * path: a second user calls EVERY portfolio and bet procedure with the first user's portfolio and bet ids — with a
 * session and with an API key holding write:portfolio — and gets NOT_FOUND, exactly as for an unknown id; nothing of
 * the first user's changes. Anonymous callers get UNAUTHORIZED, and an API key without write:portfolio FORBIDDEN.
 * A guard checks that the list of procedures below is every procedure of the two routers.
 */
import { fixtures, oddsSnapshots } from '@fairline/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { appRouter } from '../../src/trpc/router.ts';
import { bearer, createKey, signUpUser, trpcRaw, type TestUser } from './support/auth.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';

let suite: SuiteDb;
let ana: TestUser;
let ben: TestUser;
let portfolioId: string;
let betId: string;
let fixtureId: number;

const call = <T = unknown>(path: string, type: 'query' | 'mutation', headers: Record<string, string>, input: unknown) => trpcRaw<T>(suite.env, path, { type, headers, input });

/** Every portfolio and bet procedure, called with ANA's ids (what another caller would try). */
const ATTEMPTS: Record<string, { type: 'query' | 'mutation'; input: () => unknown }> = {
  'portfolios.get': { type: 'query', input: () => ({ id: portfolioId }) },
  'portfolios.rename': { type: 'mutation', input: () => ({ id: portfolioId, name: 'Taken over' }) },
  'portfolios.archive': { type: 'mutation', input: () => ({ id: portfolioId }) },
  'portfolios.stats': { type: 'query', input: () => ({ id: portfolioId }) },
  'bets.place': { type: 'mutation', input: () => ({ portfolioId, clientRef: `idor-${crypto.randomUUID()}`, fixtureId, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 10 }) },
  'bets.record': { type: 'mutation', input: () => ({ portfolioId, clientRef: `idor-${crypto.randomUUID()}`, fixtureId, market: '1x2', selection: 'away', price: 3, stake: 10 }) },
  'bets.suggestStake': { type: 'query', input: () => ({ portfolioId, fixtureId, market: '1x2', selection: 'home', bookmaker: 'sim_book' }) },
  'bets.void': { type: 'mutation', input: () => ({ id: betId }) },
  'bets.get': { type: 'query', input: () => ({ id: betId }) },
  'bets.list': { type: 'query', input: () => ({ portfolioId }) },
  'bets.importCsv': { type: 'mutation', input: () => ({ portfolioId, csv: `fixture_id,market,selection,price,stake\n${fixtureId},1x2,home,2.5,10\n` }) },
  'bets.exportCsv': { type: 'query', input: () => ({ portfolioId }) },
};
/** The two procedures that take no id: they act on the caller's own portfolios only (checked separately). */
const OWN_ONLY = ['portfolios.create', 'portfolios.list'];

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, Date.now());
  [ana, ben] = await Promise.all([signUpUser(suite.env, suite.db), signUpUser(suite.env, suite.db)]);
  const [f] = await suite.db
    .select({ id: fixtures.id })
    .from(fixtures)
    .innerJoin(oddsSnapshots, and(eq(oddsSnapshots.fixtureId, fixtures.id), eq(oddsSnapshots.market, '1x2')))
    .where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled')))
    .orderBy(asc(fixtures.kickoffAt))
    .limit(1);
  fixtureId = f!.id;
  const p = await call<{ id: string }>('portfolios.create', 'mutation', bearer(ana.token), { name: 'Ana main', startingBankroll: 1000 });
  portfolioId = p.data!.id;
  const b = await call<{ bet: { id: string } }>('bets.place', 'mutation', bearer(ana.token), { portfolioId, clientRef: 'ana-1', fixtureId, market: '1x2', selection: 'draw', bookmaker: 'sim_book', stake: 25 });
  if (!b.data) throw new Error(`ana's bet: ${b.error?.message}`);
  betId = b.data.bet.id;
});
afterAll(async () => {
  await suite?.drop();
});

describe('portfolio and bet procedures', () => {
  it('are every procedure this suite attacks', () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('portfolios.') || p.startsWith('bets.'));
    expect(procedures.sort()).toEqual([...Object.keys(ATTEMPTS), ...OWN_ONLY].sort());
  });

  it('work for their owner', async () => {
    expect((await call('portfolios.get', 'query', bearer(ana.token), { id: portfolioId })).data).toMatchObject({ name: 'Ana main', pendingBets: 1, pendingStake: 25 });
    expect((await call('bets.get', 'query', bearer(ana.token), { id: betId })).data).toMatchObject({ id: betId, result: 'pending', stake: 25 });
  });

  for (const via of ['session', 'API key'] as const) {
    it(`answer NOT_FOUND to another user (${via}) for every id of the first user`, async () => {
      const headers = via === 'session' ? bearer(ben.token) : bearer((await createKey(suite.env, ben.token, ['write:portfolio'])).secret);
      for (const [path, a] of Object.entries(ATTEMPTS)) {
        const r = await call(path, a.type, headers, a.input());
        expect(r.error?.code, path).toBe('NOT_FOUND');
        expect(r.status, path).toBe(404);
        expect(r.error?.message, path).toMatch(/^(portfolio|bet) not found$/);
      }
      // The id-free ones see only the caller's own portfolios.
      const own = await call<{ id: string; name: string }>('portfolios.create', 'mutation', headers, { name: `Ben via ${via}`, startingBankroll: 50 });
      expect(own.data?.name).toBe(`Ben via ${via}`);
      const list = await call<{ id: string }[]>('portfolios.list', 'query', headers, { includeArchived: true });
      expect(list.data!.map((p) => p.id)).toContain(own.data!.id);
      expect(list.data!.map((p) => p.id)).not.toContain(portfolioId);
    });
  }

  it('answer NOT_FOUND for an unknown id exactly as for another user\'s', async () => {
    const unknown = crypto.randomUUID();
    const mine = await call('portfolios.get', 'query', bearer(ben.token), { id: unknown });
    const theirs = await call('portfolios.get', 'query', bearer(ben.token), { id: portfolioId });
    expect([mine.status, mine.error?.message]).toEqual([theirs.status, theirs.error?.message]);
    const bet = await call('bets.get', 'query', bearer(ben.token), { id: unknown });
    expect(bet.error).toEqual({ code: 'NOT_FOUND', message: 'bet not found' });
  });

  it('refuse anonymous callers (UNAUTHORIZED) and API keys without write:portfolio (FORBIDDEN)', async () => {
    const narrow = (await createKey(suite.env, ana.token, ['read:markets', 'read:live'])).secret;
    for (const [path, a] of Object.entries({ ...ATTEMPTS, 'portfolios.list': { type: 'query' as const, input: () => ({}) } })) {
      expect((await call(path, a.type, {}, a.input())).error?.code, path).toBe('UNAUTHORIZED');
      expect((await call(path, a.type, bearer(narrow), a.input())).error?.code, path).toBe('FORBIDDEN');
    }
    // The owner's own key with the scope works.
    const key = (await createKey(suite.env, ana.token, ['write:portfolio'])).secret;
    expect((await call('portfolios.get', 'query', bearer(key), { id: portfolioId })).data).toMatchObject({ id: portfolioId });
  });

  it('left the first user\'s portfolio and bet exactly as they were', async () => {
    expect((await call('portfolios.get', 'query', bearer(ana.token), { id: portfolioId })).data).toMatchObject({ name: 'Ana main', archived: false, pendingBets: 1 });
    expect((await call('bets.get', 'query', bearer(ana.token), { id: betId })).data).toMatchObject({ result: 'pending', settlements: [] });
    expect((await call<unknown[]>('bets.list', 'query', bearer(ana.token), { portfolioId })).data).toHaveLength(1);
  });
});
