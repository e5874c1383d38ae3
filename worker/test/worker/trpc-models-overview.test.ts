import { driftReports, fixtures, predictions } from '@fairline/db';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { ingestFootballData } from '../../src/services/ingest/index.ts';
import { activateIn, fileCandidateIn } from '../../src/services/models/registry.ts';
import { signUpUser, type TestUser } from './support/auth.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { errorCode, trpcClient } from './support/worker-http.ts';

let suite: SuiteDb;
let admin: TestUser;
let subscriber: TestUser;
const ids = { dc1: 0, dc2: 0, dc3: 0, ensemble: 0, gameLines: 0 };

// Three finished EPL matches: two home wins, one away win.
const CSV = [
  'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A',
  'E0,10/08/2018,Man United,Leicester,2,1,H,1.57,3.9,7.5',
  'E0,11/08/2018,Bournemouth,Cardiff,2,0,H,1.9,3.6,4.5',
  'E0,11/08/2018,Fulham,Crystal Palace,0,2,A,2.5,3.4,3.0',
].join('\r\n');

/** What must never leave the public overview: a version's config, features and artifact. */
const SECRET = 'private-marker-7f3a';

/** The ensemble's stored walk-forward bins (ml's reliabilityBins per class; NaN means written as null). */
const storedBins = [0, 1, 2].map((cls) => ({
  // The first two as `{ class }`, the away one as ensemble/backtest.ts's calibration1x2 writes it.
  ...(cls < 2 ? { class: cls } : { outcome: 'away', ece: 0.01, floor: 0.02 }),
  bins: Array.from({ length: 10 }, (_, b) => ({
    lower: b / 10, upper: (b + 1) / 10,
    count: b === 4 ? 30 + cls : 0,
    meanPredicted: b === 4 ? 0.45 : null,
    observedFrequency: b === 4 ? 0.4 + cls / 100 : null,
  })),
}));

beforeAll(async () => {
  suite = await suiteDatabase();
  const ctx = { db: suite.db, clock: () => new Date(), logger: silentLogger };
  await ingestFootballData({ ctx, input: { files: [{ name: 'E0_sample.csv', text: CSV }] } });
  const file = (kind: 'soccer_dixon_coles' | 'soccer_ensemble' | 'nfl_game_lines', scope: string, metrics: Record<string, number>, artifact: object) =>
    suite.db.transaction(async (tx) => {
      const v = await fileCandidateIn(tx, { kind, scope, config: { note: SECRET }, featureColumns: [SECRET], metrics, artifact });
      return v.id;
    });
  ids.dc1 = await file('soccer_dixon_coles', 'soccer:E0', { rps: 0.21, logLoss: 1.0, marketRps: 0.2, marketLogLoss: 0.98 }, { n: 1, secret: SECRET });
  ids.dc2 = await file('soccer_dixon_coles', 'soccer:E0', { rps: 0.205, logLoss: 0.99, marketRps: 0.2, marketLogLoss: 0.98, gateScore: 0.205 }, { n: 2, secret: SECRET });
  // A version without scores (it is listed, but has no point on the backtest chart).
  ids.dc3 = await file('soccer_dixon_coles', 'soccer:E0', {}, { n: 3, secret: SECRET });
  ids.ensemble = await file('soccer_ensemble', 'soccer:E0', { rps: 0.199 }, { tag: 'fairline.soccer.ensemble', secret: SECRET, metrics: { rps: 0.199, reliability: storedBins } });
  ids.gameLines = await file('nfl_game_lines', 'nfl', { moneylineLogLoss: 0.66, marketMoneylineLogLoss: 0.65 }, { secret: SECRET });
  await suite.db.transaction(async (tx) => {
    await activateIn(tx, { id: ids.dc1, kind: 'soccer_dixon_coles', scope: 'soccer:E0' });
    await activateIn(tx, { id: ids.ensemble, kind: 'soccer_ensemble', scope: 'soccer:E0' });
  });

  // Stored 1X2 predictions of the Dixon–Coles scope: the last one before each kickoff counts, an earlier one of the
  // same match is superseded and one made after kickoff is ignored.
  const [m1, m2, m3] = await suite.db.select().from(fixtures).orderBy(asc(fixtures.kickoffAt), asc(fixtures.id));
  const before = (f: typeof m1, hours: number) => new Date(f!.kickoffAt.getTime() - hours * 3_600_000);
  const rows = (f: typeof m1, version: number, at: Date, [h, d, a]: [number, number, number]) =>
    (['home', 'draw', 'away'] as const).map((selection, i) => ({
      modelVersionId: version, fixtureId: f!.id, market: '1x2', selection, line: null, probability: [h, d, a][i]!, createdAt: at,
    }));
  await suite.db.insert(predictions).values([
    ...rows(m1, ids.dc1, before(m1, 48), [0.9, 0.05, 0.05]), // superseded by the later one below
    ...rows(m1, ids.dc2, before(m1, 2), [0.55, 0.25, 0.2]),
    ...rows(m1, ids.dc3, new Date(m1!.kickoffAt.getTime() + 3_600_000), [0.05, 0.05, 0.9]), // after kickoff
    ...rows(m2, ids.dc1, before(m2, 5), [0.45, 0.3, 0.25]),
    ...rows(m3, ids.dc1, before(m3, 5), [0.35, 0.28, 0.37]),
  ]);

  admin = await signUpUser(suite.env, suite.db, { admin: true });
  subscriber = await signUpUser(suite.env, suite.db);
});
afterAll(async () => {
  await suite?.drop();
});

describe('models.overview (public) over HTTP inside workerd', () => {
  it('lists every model kind, each scope with its active version, versions newest first and backtest scores beside the market', async () => {
    const o = await trpcClient(suite.env).models.overview.query();
    expect(o.kinds.map((k) => k.kind)).toEqual(['soccer_dixon_coles', 'nfl_game_lines', 'nfl_props', 'soccer_model', 'soccer_ensemble']);
    expect(o.kinds.find((k) => k.kind === 'nfl_props')!.scopes).toEqual([]);
    const dc = o.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes;
    expect(dc.map((s) => s.scope)).toEqual(['soccer:E0']);
    expect(dc[0]!.active).toMatchObject({ id: ids.dc1, version: 1, status: 'active', metrics: { rps: 0.21 } });
    expect(dc[0]!.versions.map((v) => [v.version, v.status])).toEqual([[3, 'candidate'], [2, 'candidate'], [1, 'active']]);
    // Oldest first, the model's and the market's scores side by side.
    expect(dc[0]!.backtest.map((p) => [p.version, p.model.rps, p.market.rps, p.gate])).toEqual([[1, 0.21, 0.2, null], [2, 0.205, 0.2, 0.205]]);
    expect(dc[0]!.backtest[0]!.model.logLoss).toBe(1.0);
    // Game lines: the moneyline's log loss against the market's moneyline.
    const gl = o.kinds.find((k) => k.kind === 'nfl_game_lines')!.scopes[0]!;
    expect(gl.active).toBeNull();
    expect(gl.backtest[0]).toMatchObject({ model: { logLoss: 0.66 }, market: { logLoss: 0.65 } });
  });

  it('draws reliability from the settled predictions (last before kickoff) where the active version stored no backtest bins', async () => {
    const o = await trpcClient(suite.env).models.overview.query();
    const r = o.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes[0]!.reliability!;
    expect(r).toMatchObject({ source: 'settled', versionId: null, n: 3 });
    const series = Object.fromEntries(r.series.map((s) => [s.label, s.bins.map((b) => [b.lower, b.count, +b.predicted.toFixed(4), b.observed])]));
    // Home: 0.55 (won), 0.45 (won), 0.35 (lost) — the superseded 0.9 and the after-kickoff 0.05 do not count.
    expect(series.home).toEqual([[0.3, 1, 0.35, 0], [0.4, 1, 0.45, 1], [0.5, 1, 0.55, 1]]);
    // Draw: no draws; 0.25 and 0.28 share a bin.
    expect(series.draw).toEqual([[0.2, 2, 0.265, 0], [0.3, 1, 0.3, 0]]);
    // Away: 0.20 and 0.25 lost, 0.37 won.
    expect(series.away).toEqual([[0.2, 2, 0.225, 0], [0.3, 1, 0.37, 1]]);
  });

  it('draws the active version’s stored walk-forward bins when it has them (empty bins left out)', async () => {
    const o = await trpcClient(suite.env).models.overview.query();
    const r = o.kinds.find((k) => k.kind === 'soccer_ensemble')!.scopes[0]!.reliability!;
    expect(r).toMatchObject({ source: 'backtest', versionId: ids.ensemble, n: 32 });
    expect(r.series.map((s) => s.label)).toEqual(['home', 'draw', 'away']);
    expect(r.series[2]!.bins).toEqual([{ lower: 0.4, upper: 0.5, count: 32, predicted: 0.45, observed: 0.4 + 2 / 100 }]);
  });

  it('gives the active version’s latest drift report: calibration, the most shifted features first, the worst level', async () => {
    const report = (metric: string, subject: string, value: number, level: 'ok' | 'warn' | 'alert', reportedOn: string, modelVersionId = ids.dc1) =>
      ({ modelVersionId, metric, subject, window: metric === 'psi' ? '7d' : '28d', value, level, sampleSize: 120, reportedOn });
    await suite.db.insert(driftReports).values([
      report('psi', 'home_rating', 0.31, 'alert', '2026-12-01'), // superseded by the next day's report
      report('psi', 'home_rating', 0.04, 'ok', '2026-12-02'),
      report('psi', 'rest_days', 0.17, 'warn', '2026-12-02'),
      report('ece', '', 0.021, 'ok', '2026-12-02'),
      report('brier', '', 0.58, 'ok', '2026-12-02'),
      report('psi', 'form', 0.9, 'alert', '2026-12-02', ids.dc2), // a candidate's: not the active version's
    ]);
    const o = await trpcClient(suite.env).models.overview.query();
    const dc = o.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes[0]!;
    expect(dc.drift).toEqual({
      reportedOn: '2026-12-02',
      level: 'warn',
      calibration: [
        { metric: 'brier', value: 0.58, level: 'ok', sampleSize: 120, window: '28d' },
        { metric: 'ece', value: 0.021, level: 'ok', sampleSize: 120, window: '28d' },
      ],
      features: [{ feature: 'rest_days', psi: 0.17, level: 'warn' }, { feature: 'home_rating', psi: 0.04, level: 'ok' }],
    });
    expect(o.kinds.find((k) => k.kind === 'soccer_ensemble')!.scopes[0]!.drift).toBeNull();
  });

  it('never exposes a version’s config, features or artifact, nor who changed the registry', async () => {
    const o = await trpcClient(suite.env).models.overview.query();
    const text = JSON.stringify(o);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/"(config|artifact|featureColumns)"/);
    expect(text).not.toContain(admin.id);
    const activations = o.history.filter((h) => h.action === 'activate');
    expect(activations.map((h) => [h.kind, h.versionId, h.actor])).toEqual([['soccer_ensemble', ids.ensemble, 'system'], ['soccer_dixon_coles', ids.dc1, 'system']]);
  });
});

describe('changing the registry from the page: admins only, with a reason', () => {
  it('refuses promote and rollback to anonymous callers and to signed-in subscribers', async () => {
    const input = { kind: 'soccer_dixon_coles' as const, scope: 'soccer:E0', reason: 'worse on recent matches' };
    expect(errorCode(await trpcClient(suite.env).admin.models.rollback.mutate(input).catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(errorCode(await trpcClient(suite.env, { token: subscriber.token }).admin.models.rollback.mutate(input).catch((e: unknown) => e))).toBe('FORBIDDEN');
    const promote = { id: ids.dc2, reason: 'better on recent matches' };
    expect(errorCode(await trpcClient(suite.env).admin.models.promote.mutate(promote).catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(errorCode(await trpcClient(suite.env, { token: subscriber.token }).admin.models.promote.mutate(promote).catch((e: unknown) => e))).toBe('FORBIDDEN');
    // Nothing changed.
    const o = await trpcClient(suite.env).models.overview.query();
    expect(o.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes[0]!.active!.id).toBe(ids.dc1);
  });

  it('lets an admin switch versions and roll back with a reason; the public history shows it without the reason or the admin', async () => {
    const api = trpcClient(suite.env, { token: admin.token });
    await api.admin.models.activate.mutate({ id: ids.dc2 });
    // A reason is required for a rollback.
    expect(errorCode(await api.admin.models.rollback.mutate({ kind: 'soccer_dixon_coles', scope: 'soccer:E0', reason: '' }).catch((e: unknown) => e))).toBe('BAD_REQUEST');
    const back = await api.admin.models.rollback.mutate({ kind: 'soccer_dixon_coles', scope: 'soccer:E0', reason: `v2 worse on recent matches ${SECRET}` });
    expect(back.id).toBe(ids.dc1);

    const pub = await trpcClient(suite.env, { token: subscriber.token }).models.overview.query();
    expect(pub.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes[0]!.active!.id).toBe(ids.dc1);
    const [latest, before] = pub.history;
    expect(latest).toMatchObject({ action: 'rollback', kind: 'soccer_dixon_coles', scope: 'soccer:E0', versionId: ids.dc1, version: 1, fromVersionId: ids.dc2, fromVersion: 2, actor: 'admin', reason: null });
    expect(before).toMatchObject({ action: 'activate', versionId: ids.dc2, fromVersionId: ids.dc1, actor: 'admin' });
    expect(JSON.stringify(pub)).not.toContain(SECRET);
    expect(JSON.stringify(pub)).not.toContain(admin.id);

    // An admin reads the reason it was given.
    const mine = await api.models.overview.query();
    expect(mine.history[0]!.reason).toBe(`v2 worse on recent matches ${SECRET}`);
  });
});

describe('promotion from the page', () => {
  it('needs a reason, makes the version active, and shows publicly as a promotion by an admin (the reason for admins only)', async () => {
    const api = trpcClient(suite.env, { token: admin.token });
    expect(errorCode(await api.admin.models.promote.mutate({ id: ids.dc3, reason: ' ' }).catch((e: unknown) => e))).toBe('BAD_REQUEST');
    const v = await api.admin.models.promote.mutate({ id: ids.dc3, reason: `trying v3 ${SECRET}` });
    expect(v).toMatchObject({ id: ids.dc3, status: 'active' });
    const pub = await trpcClient(suite.env).models.overview.query();
    expect(pub.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes[0]!.active!.id).toBe(ids.dc3);
    expect(pub.history[0]).toMatchObject({ action: 'promote', versionId: ids.dc3, version: 3, fromVersionId: ids.dc1, actor: 'admin', reason: null });
    expect(JSON.stringify(pub)).not.toContain(SECRET);
    expect((await api.models.overview.query()).history[0]!.reason).toBe(`trying v3 ${SECRET}`);
  });
});
