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
