import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFootballData } from '../../src/services/ingest/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { AppRouter } from '../../src/trpc/router.ts';
import { signUpUser } from './support/auth.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { trpcClient } from './support/worker-http.ts';

let suite: SuiteDb;

const client = (token?: string) => trpcClient(suite.env, { token, batch: false });

const CSV = [
  'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A',
  'E0,10/08/2018,Man United,Leicester,2,1,H,1.57,3.9,7.5',
  'E0,11/08/2018,Bournemouth,Cardiff,2,0,H,1.9,3.6,4.5',
  'E0,11/08/2018,Fulham,Crystal Palace,0,-2,A,2.5,3.4,3.0',
].join('\r\n');

beforeAll(async () => {
  suite = await suiteDatabase();
  // Ingestion runs inside workerd too (the cron path): no Node APIs in the adapters.
  await ingestFootballData({
    ctx: { db: suite.db, clock: () => new Date(), logger: silentLogger },
    input: { files: [{ name: 'E0_sample.csv', text: CSV }] },
  });
});
afterAll(async () => {
  await suite?.drop();
});

describe('admin procedures', () => {
  it('refuse callers without the admin token', async () => {
    for (const token of [undefined, 'not-the-token']) {
      const err = await client(token).admin.ingestionRuns.query({}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCClientError);
      expect((err as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
    }
  });

  it('list ingestion runs and their rejects for an admin', async () => {
    const api = client('test-admin-token');
    const runs = await api.admin.ingestionRuns.query({ source: 'football-data' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ source: 'football-data', status: 'succeeded', inserted: expect.any(Number), rejected: 1 });
    const rejects = await api.admin.ingestionRejects.query({ runId: runs[0]!.id });
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.file).toBe('E0_sample.csv');
    expect(rejects[0]!.reason).toMatch(/negative|score|goal/i);
  });

  it('refuse the model registry to callers without the admin token: no listing, no activation, no rollback', async () => {
    for (const token of [undefined, 'not-the-token']) {
      const api = client(token);
      for (const call of [
        () => api.admin.models.list.query({}),
        () => api.admin.models.activate.mutate({ id: 1 }),
        () => api.admin.models.retire.mutate({ id: 1 }),
        () => api.admin.models.rollback.mutate({ kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back' }),
        () => api.admin.models.promote.mutate({ id: 1, reason: 'test: promote' }),
        () => api.admin.models.retrain.mutate({ kinds: ['nfl_game_lines'] }),
      ]) {
        const err = await call().catch((e: unknown) => e);
        expect((err as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
      }
    }
  });

  it('refuse promote, rollback and retrain to a signed-in user who is not an admin (403)', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const api = client(user.token);
    // Each call made when awaited (a promise made up front would reject unawaited).
    for (const call of [
      () => api.admin.models.promote.mutate({ id: 1, reason: 'test: promote' }),
      () => api.admin.models.rollback.mutate({ kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back' }),
      () => api.admin.models.retrain.mutate({ kinds: ['nfl_game_lines'] }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect((err as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');
    }
  });

  it('run the model registry for an admin, with clear errors', async () => {
    const api = client('test-admin-token');
    expect(await api.admin.models.list.query({ kind: 'nfl_props' })).toEqual([]);
    const missing = await api.admin.models.activate.mutate({ id: 987_654 }).catch((e: unknown) => e);
    expect((missing as TRPCClientError<AppRouter>).data?.code).toBe('NOT_FOUND');
    const none = await api.admin.models.rollback.mutate({ kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back' }).catch((e: unknown) => e);
    expect((none as TRPCClientError<AppRouter>).data?.code).toBe('CONFLICT');
    const bad = await api.admin.models.rollback.mutate({ kind: 'dixon_coles' as never, scope: 'nfl', reason: 'test: back' }).catch((e: unknown) => e);
    expect((bad as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    // A reason is required: rollback and promote without one are refused before anything changes.
    const noReason = await api.admin.models.rollback.mutate({ kind: 'nfl_game_lines', scope: 'nfl' } as never).catch((e: unknown) => e);
    expect((noReason as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    const blank = await api.admin.models.promote.mutate({ id: 1, reason: '  ' }).catch((e: unknown) => e);
    expect((blank as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    // Retraining inside workerd (the cron's runtime): the sample's three results are too few for any slot to be fitted.
    const report = await api.admin.models.retrain.mutate({ kinds: ['soccer_dixon_coles', 'nfl_game_lines'] });
    expect(report.runs.map((r) => [r.kind, r.outcome])).toEqual([['nfl_game_lines', 'too-few']]);
  });
});
