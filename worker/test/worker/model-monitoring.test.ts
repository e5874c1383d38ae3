/**
 * Model monitoring and explanations inside workerd, through the worker's HTTP path: a small receptions GBDT is trained
 * here (ml runs in workerd) on synthetic rows of the receiving feature family and filed as the active version over
 * the seed's simulated one, with projections and their feature rows for the next game's receivers. Checks that
 * nfl.props.byFixture and nfl.props.player answer TreeSHAP explanations (base + contributions = the served mean),
 * that /metrics shows the inference and explanation histograms of kind nfl_props, that the drift cron runs in workerd
 * and that /metrics exposes the newest drift report's PSI and calibration figures (the same from any isolate: they
 * are read from the database).
 */
import { driftReports, modelInputs, modelVersions, projections } from '@fairline/db';
import { trainGbdt } from '@fairline/ml/gbdt/index';
import { featureProfile } from '@fairline/ml/metrics/index';
import { featureNames } from '@fairline/ml/nfl/props/index';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import { monitorDriftJob } from '../../src/jobs/monitor-drift.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { buildCtx } from '../../src/runtime.ts';
import { liveRoomPublisher } from '../../src/scheduled.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { nextGame, suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';
import { bearer, createKey, signUpUser } from './support/auth.ts';
import { callWorker, trpcClient } from './support/worker-http.ts';

let suite: SuiteDb;
let versionId: number;
let gameId: number;
const names = featureNames('receiving');
const T3 = names.indexOf('targets_mean3');
const SHARE = names.indexOf('target_share_8g');

/** Seeded rows of the receiving family: receptions ≈ 0.6 × targets (last 3) + 8 × target share, the rest noise. */
function rows(n: number, seed: number) {
  let s = seed >>> 0;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const X = new Float64Array(n * names.length);
  const y: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < names.length; j++) X[r * names.length + j] = u() * 10;
    X[r * names.length + SHARE] = u() * 0.35;
    X[r * names.length + 2] = NaN; // a column that is always missing (week), as in live rows before the schedule
    y.push(0.6 * X[r * names.length + T3]! + 8 * X[r * names.length + SHARE]! + u());
  }
  return { X: { values: X, rows: n, cols: names.length }, y };
}

const metricsText = async () => (await callWorker(new Request('http://api.test/metrics'), suite.env)).text();
const sample = (text: string, name: string, kind = 'nfl_props') => Number(new RegExp(`^${name}\\{kind="${kind}"\\} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? 0);

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, Date.now());
  const train = rows(800, 1);
  const g = trainGbdt({ features: train.X, featureNames: names, label: train.y, params: { objective: 'squared', trees: 30, maxDepth: 3, learningRate: 0.2 }, createdAt: '1970-01-01T00:00:00.000Z' });
  const [seeded] = await suite.db.select().from(modelVersions).where(and(eq(modelVersions.scope, 'nfl:receptions'), eq(modelVersions.status, 'active')));
  // The seed's pricing parts (law, calibration) with trees and a training profile: a GBDT-backed receptions model.
  const artifact = { ...(seeded!.artifact as object), featureNames: names, centre: [g.toJSON()], featureProfile: featureProfile(train.X, names) };
  await suite.db.update(modelVersions).set({ status: 'retired' }).where(eq(modelVersions.id, seeded!.id));
  const [mv] = await suite.db.insert(modelVersions).values({ kind: 'nfl_props', scope: 'nfl:receptions', version: 2, status: 'active', config: {}, featureColumns: names, artifact }).returning();
  versionId = mv!.id;
  gameId = (await nextGame(suite.db, 'nfl')).id;
  const old = await suite.db.select().from(projections).where(and(eq(projections.fixtureId, gameId), eq(projections.modelVersionId, seeded!.id)));
  const live = rows(old.length, 2);
  const p = g.predict(live.X);
  await suite.db.insert(projections).values(old.map((o, i) => ({ modelVersionId: versionId, fixtureId: gameId, playerId: o.playerId, market: 'receptions', mean: p[i]!, distribution: o.distribution })));
  await suite.db.insert(modelInputs).values(old.map((o, i) => ({
    modelVersionId: versionId, fixtureId: gameId, playerId: o.playerId, market: 'receptions',
    features: Array.from(live.X.values.subarray(i * names.length, (i + 1) * names.length), (x) => (x === x ? x : null)),
  })));
});
afterAll(async () => {
  await suite?.drop();
});

describe('explanations over HTTP inside workerd', () => {
  it('nfl.props.byFixture answers TreeSHAP top factors whose sum is the served mean, and /metrics times the request', async () => {
    const before = await metricsText();
    const r = await trpcClient(suite.env).nfl.props.byFixture.query({ fixtureId: gameId, markets: ['receptions'] });
    expect(r.players.length).toBeGreaterThan(0);
    for (const p of r.players) {
      const m = p.markets[0]!;
      expect(m.modelVersion.id).toBe(versionId);
      const e = m.explanation!;
      expect(e).toMatchObject({ modelVersionId: versionId, target: 'mean', scale: 'identity', unit: 'receptions' });
      expect(e.base + e.factors.reduce((s, f) => s + f.contribution, 0) + e.rest).toBeCloseTo(m.mean, 9);
      expect(e.value).toBeCloseTo(m.mean, 9);
      // The two features the receptions depend on lead the explanation, with readable labels and their values.
      expect(e.factors.slice(0, 2).map((f) => f.feature).sort()).toEqual(['target_share_8g', 'targets_mean3']);
      expect(e.factors.find((f) => f.feature === 'targets_mean3')!.label).toBe('targets, avg of last 3');
      expect(e.factors.every((f) => typeof f.value === 'number')).toBe(true);
    }
    const after = await metricsText();
    expect(after).toMatch(/# TYPE fairline_model_inference_seconds histogram/);
    expect(sample(after, 'fairline_model_inference_seconds_count')).toBe(sample(before, 'fairline_model_inference_seconds_count') + 1);
    expect(sample(after, 'fairline_model_explanation_seconds_count')).toBe(sample(before, 'fairline_model_explanation_seconds_count') + 1);
    expect(after).toMatch(/^fairline_model_inference_seconds_bucket\{kind="nfl_props",le="\+Inf"\} \d+$/m);
  });

  it('nfl.props.player answers the same explanation for the player’s next game', async () => {
    const api = trpcClient(suite.env);
    const r = await api.nfl.props.byFixture.query({ fixtureId: gameId, markets: ['receptions'] });
    const p = r.players[0]!;
    const page = await api.nfl.props.player.query({ playerId: p.playerId });
    expect(page.next?.fixtureId).toBe(gameId);
    expect(page.next!.markets.find((m) => m.market === 'receptions')!.explanation).toEqual(p.markets[0]!.explanation);
    // The seed's simulated markets carry trees reproducing the simulation (seed/simulated-prop-trees.ts): explained by
    // the simulated team rating alone, the opponent's rating moving nothing, to within the trees' float32 leaves.
    for (const m of page.next!.markets.filter((x) => x.market !== 'receptions')) {
      const e = m.explanation!;
      expect(e.factors.map((f) => f.feature)).toEqual(['simulated_team_rating']);
      expect(e.factors[0]!.label).toBe('simulated team rating');
      expect(e.base + e.factors[0]!.contribution + e.rest).toBeCloseTo(e.value, 9);
      expect(Math.abs(e.value - m.mean)).toBeLessThan(1e-3);
    }
  });
});

describe('explanations over REST', () => {
  it('GET /api/v1/nfl/fixtures/{fixtureId}/props answers the explanation for a read:props key, and refuses a key without it', async () => {
    const user = await signUpUser(suite.env, suite.db);
    const props = await createKey(suite.env, user.token, ['read:props']);
    const marketsOnly = await createKey(suite.env, user.token, ['read:markets']);
    const byTrpc = await trpcClient(suite.env).nfl.props.byFixture.query({ fixtureId: gameId, markets: ['receptions'] });
    const get = (key: string) => callWorker(new Request(`http://api.test/api/v1/nfl/fixtures/${gameId}/props?markets=receptions`, { headers: bearer(key) }), suite.env);
    const res = await get(props.secret);
    expect(res.status).toBe(200);
    const body = (await res.json()) as typeof byTrpc;
    expect(body.players.map((p) => p.markets[0]!.explanation)).toEqual(byTrpc.players.map((p) => p.markets[0]!.explanation));
    expect(body.players[0]!.markets[0]!.explanation!.factors.length).toBeGreaterThan(0);
    expect((await get(marketsOnly.secret)).status).toBe(403);
  });
});

describe('explanation cache', () => {
  it.runIf(Boolean(testEnv.UPSTASH_REDIS_REST_URL))('keeps a fixture’s explanations in Redis by fixture and versions, and answers the same from it', async () => {
    const built = buildCtx(loadConfig(suite.env), silentLogger);
    try {
      const api = trpcClient(suite.env);
      const first = await api.nfl.props.byFixture.query({ fixtureId: gameId });
      const versions = [...new Set(first.players.flatMap((p) => p.markets.map((m) => m.modelVersion.id)))].sort((a, b) => a - b);
      expect(versions).toContain(versionId);
      const key = `explain:props:v1:${gameId}:${versions.join(',')}`;
      expect(await built.ctx.cache!.redis.keys(`explain:props:v1:${gameId}:*`)).toContain(key);
      // What the cache holds is what the API answered; a changed entry would be served as is (the answer comes from it).
      const cached = await built.ctx.cache!.get<Array<[string, { value: number }]>>(key);
      expect(cached!.length).toBe(first.players.flatMap((p) => p.markets.filter((m) => m.explanation)).length);
      const second = await api.nfl.props.byFixture.query({ fixtureId: gameId });
      expect(second.players.map((p) => p.markets.map((m) => m.explanation))).toEqual(first.players.map((p) => p.markets.map((m) => m.explanation)));
    } finally {
      await built.dispose();
    }
  });
});

describe('inference latency of every served kind', () => {
  it('soccer fair prices and NFL game lines are timed under their kinds', async () => {
    const api = trpcClient(suite.env);
    const before = await metricsText();
    await api.soccer.fairPrices.query({ fixtureId: (await nextGame(suite.db, 'soccer')).id });
    await api.nfl.gameLines.byFixture.query({ fixtureId: gameId });
    const after = await metricsText();
    for (const kind of ['soccer_dixon_coles', 'nfl_game_lines']) {
      expect(sample(after, 'fairline_model_inference_seconds_count', kind)).toBe(sample(before, 'fairline_model_inference_seconds_count', kind) + 1);
      expect(sample(after, 'fairline_model_inference_seconds_sum', kind)).toBeGreaterThan(0);
    }
  });
});

describe('drift on /metrics inside workerd', () => {
  it('the drift cron job runs in workerd and says why a version with a week of few rows has no PSI yet', async () => {
    const built = buildCtx(loadConfig(suite.env), silentLogger);
    try {
      const out = await monitorDriftJob.run({ ctx: built.ctx, config: {}, rooms: liveRoomPublisher(suite.env as never) });
      expect(out.status).toBe('ran');
      if (out.status !== 'ran') return;
      expect(out.summary.psiVersions).toBe(0);
      expect(String(out.summary.skipped)).toMatch(/nfl_props nfl:receptions v2: \d+ live rows in 28 days \(< 100\)/);
    } finally {
      await built.dispose();
    }
  });

  it('exposes the newest report of the active versions: PSI per feature, Brier and ECE, and the worst level', async () => {
    const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
    await suite.db.insert(driftReports).values([
      { modelVersionId: versionId, metric: 'psi', subject: 'targets_mean3', window: '7d', value: 0.05, baseline: 0, level: 'ok', sampleSize: 400, reportedOn: day(1) },
      { modelVersionId: versionId, metric: 'psi', subject: 'targets_mean3', window: '7d', value: 0.31, baseline: 0, level: 'alert', sampleSize: 420, reportedOn: day(0) },
      { modelVersionId: versionId, metric: 'psi', subject: 'week', window: '7d', value: 0.02, baseline: 0, level: 'ok', sampleSize: 420, reportedOn: day(0) },
      { modelVersionId: versionId, metric: 'ece', subject: '', window: '28d', value: 0.041, baseline: 0.03, level: 'warn', sampleSize: 120, reportedOn: day(0) },
      { modelVersionId: versionId, metric: 'brier', subject: '', window: '28d', value: 0.6, baseline: null, level: 'warn', sampleSize: 120, reportedOn: day(0) },
    ]);
    const [retired] = await suite.db.select({ id: modelVersions.id }).from(modelVersions).where(and(eq(modelVersions.scope, 'nfl:receptions'), eq(modelVersions.status, 'retired')));
    await suite.db.insert(driftReports).values({ modelVersionId: retired!.id, metric: 'psi', subject: 'stale', window: '7d', value: 9, level: 'alert', reportedOn: day(0) });
    const text = await metricsText();
    const slot = `kind="nfl_props",scope="nfl:receptions",version="2"`;
    expect(text).toContain('fairline_drift_reports_up 1');
    expect(text).toContain(`fairline_feature_psi{${slot},feature="targets_mean3"} 0.31`); // the newest day, not yesterday's 0.05
    expect(text).toContain(`fairline_feature_psi{${slot},feature="week"} 0.02`);
    expect(text).toContain(`fairline_calibration_ece{${slot}} 0.041`);
    expect(text).toContain(`fairline_calibration_brier{${slot}} 0.6`);
    expect(text).toContain(`fairline_drift_level{${slot},metric="psi"} 2`);
    expect(text).toContain(`fairline_drift_level{${slot},metric="ece"} 1`);
    expect(text).not.toContain('feature="stale"'); // retired versions are not monitored
    await suite.db.execute(sql`DELETE FROM drift_reports`);
  });

  it('still answers the isolate’s metrics when the database cannot be read, and says so', async () => {
    const text = await (await callWorker(new Request('http://api.test/metrics'), { ...suite.env, DATABASE_URL: suite.env.DATABASE_URL.replace(/\/[^/]+$/, '/no_such_db') })).text();
    expect(text).toContain('fairline_drift_reports_up 0');
    expect(text).toContain('# TYPE fairline_http_requests_total counter');
  });
});
