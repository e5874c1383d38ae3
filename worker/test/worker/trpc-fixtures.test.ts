import { TRPCClientError } from '@trpc/client';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { buildCtx } from '../../src/runtime.ts';
import { createCallerFactory, inProcessContext } from '../../src/trpc/init.ts';
import { appRouter, type AppRouter } from '../../src/trpc/router.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { trpcClient } from './support/worker-http.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
let suite: SuiteDb;

const client = (env: object) => trpcClient(env);

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
});
afterAll(async () => {
  await suite?.drop();
});

describe('fixtures.list over HTTP (superjson)', () => {
  it('lists with filters and returns real Dates', async () => {
    const api = client(suite.env);
    const rows = await api.fixtures.list.query({ sport: 'nfl', status: 'final', limit: 10 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.sport === 'nfl' && r.status === 'final')).toBe(true);
    expect(rows[0]!.kickoffAt).toBeInstanceOf(Date);
    const upcoming = await api.fixtures.list.query({ from: new Date(NOW), to: new Date(NOW + 14 * 86_400_000), limit: 500 });
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.every((r) => r.kickoffAt.getTime() >= NOW && r.kickoffAt.getTime() < NOW + 14 * 86_400_000)).toBe(true);
  });

  it('rejects bad input with BAD_REQUEST and no internals', async () => {
    const api = client(suite.env);
    const err = await api.fixtures.list.query({ limit: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    expect(JSON.stringify((err as TRPCClientError<AppRouter>).data)).not.toMatch(/stack/);
  });

  it('finds a team by part of its name, in any case, home or away — wildcards taken literally', async () => {
    const api = client(suite.env);
    const rows = await api.fixtures.list.query({ team: '  cARROW ', limit: 500 });
    // 10 teams in a double round robin: each plays 18 matches, 9 at home and 9 away.
    expect(rows).toHaveLength(18);
    expect(rows.every((r) => [r.homeTeam, r.awayTeam].includes('Carrow City (Simulated)'))).toBe(true);
    expect(rows.filter((r) => r.homeTeam === 'Carrow City (Simulated)')).toHaveLength(9);
    expect(await api.fixtures.list.query({ team: '%', limit: 500 })).toEqual([]);
    expect(await api.fixtures.list.query({ team: '_', limit: 500 })).toEqual([]);
    const withSport = await api.fixtures.list.query({ team: 'bison', sport: 'soccer' });
    expect(withSport).toEqual([]);
  });

  it('orders by kick-off, latest first with order desc, and pages by offset without gaps or repeats', async () => {
    const api = client(suite.env);
    const all = await api.fixtures.list.query({ competition: 'SIM-SOC', limit: 500 });
    const latest = await api.fixtures.list.query({ competition: 'SIM-SOC', order: 'desc', limit: 500 });
    expect(latest.map((r) => r.id)).toEqual([...all].reverse().map((r) => r.id));
    const pages = [];
    for (let offset = 0; offset < all.length; offset += 25) pages.push(...(await api.fixtures.list.query({ competition: 'SIM-SOC', limit: 25, offset })));
    expect(pages.map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('says plainly what is wrong with each bad input (never "expected date, received Date")', async () => {
    const api = client(suite.env);
    const issue = async (input: object) => {
      const err = (await api.fixtures.list.query(input as never).catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
      expect(err, JSON.stringify(input)).toBeInstanceOf(TRPCClientError);
      expect(err.data?.code).toBe('BAD_REQUEST');
      return err.message;
    };
    expect(await issue({ from: 'next tuesday' })).toContain('`from` is not a valid date (use ISO 8601');
    expect(await issue({ to: '2026-13-45' })).toContain('`to` is not a valid date');
    expect(await issue({ from: new Date(NOW), to: new Date(NOW - 1) })).toContain('`from` must not be after `to`');
    expect(await issue({ team: '   ' })).toContain('`team` is 1 to 64 characters of a team name');
    expect(await issue({ team: 'x'.repeat(65) })).toContain('`team` is 1 to 64 characters');
    expect(await issue({ order: 'newest' })).toContain('`order` must be asc or desc');
    expect(await issue({ sport: 'cricket' })).toContain('`sport` must be one of soccer, nfl');
    expect(await issue({ status: 'done' })).toContain('`status` must be one of scheduled, live, final');
    expect(await issue({ competition: '' })).toContain('`competition` is a competition code');
    expect(await issue({ limit: 0 })).toContain('`limit` is a whole number from 1 to 500');
    expect(await issue({ limit: 2.5 })).toContain('`limit` is a whole number');
    expect(await issue({ offset: -1 })).toContain('`offset` is a whole number, 0 or more');
    for (const msg of [await issue({ from: 'x' }), await issue({ limit: 'ten' })]) expect(msg).not.toMatch(/expected|received/i);
  });

  it('competitions lists the filter choices: each competition with fixtures once, grouped by sport', async () => {
    const api = client(suite.env);
    const comps = await api.fixtures.competitions.query();
    expect(comps).toEqual(expect.arrayContaining([
      { code: 'SIM-SOC', name: 'Simulated Premier League', sport: 'soccer', simulated: true },
      { code: 'SIM-NFL', name: 'Simulated Football League', sport: 'nfl', simulated: true },
    ]));
    expect(new Set(comps.map((c) => c.code)).size).toBe(comps.length);
    // Grouped by sport: once a sport's run ends it does not come back.
    const runs = comps.map((c) => c.sport).filter((sport, i, all) => sport !== all[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('byId returns one fixture, NOT_FOUND for a missing one', async () => {
    const api = client(suite.env);
    const [first] = await api.fixtures.list.query({ limit: 1 });
    expect(await api.fixtures.byId.query({ id: first!.id })).toEqual(first);
    const err = await api.fixtures.byId.query({ id: 987_654 }).catch((e: unknown) => e);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe('NOT_FOUND');
  });

  it('turns a database failure into a generic INTERNAL_SERVER_ERROR (driver text is not leaked)', async () => {
    const broken = { ...suite.env, DATABASE_URL: suite.env.DATABASE_URL.replace(/\/[^/]+$/, '/missing_db') };
    const err = await client(broken).fixtures.list.query({}).catch((e: unknown) => e);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe('INTERNAL_SERVER_ERROR');
    expect((err as Error).message).toBe('internal error');
  });
});

describe('fixtures via createCaller', () => {
  it('serves the same verbs without HTTP', async () => {
    const { ctx, dispose } = buildCtx(loadConfig(suite.env), silentLogger);
    try {
      const caller = createCallerFactory(appRouter)(inProcessContext(ctx));
      const soccer = await caller.fixtures.list({ competition: 'SIM-SOC', limit: 500 });
      expect(soccer.length).toBe(90);
      expect(new Set(soccer.map((f) => f.homeTeam)).size).toBe(10);
    } finally {
      await dispose();
    }
  });
});
