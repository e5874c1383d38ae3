/**
 * Monitoring and explanations against real Postgres: 2019 NFL games and player-weeks ingested, small receiving-yards
 * and receptions models trained on 2017–2018 and their 2019 projections recorded (feature rows in model_inputs) and
 * activated; a soccer competition with settled 1X2 forecasts written directly. Checks the explanations the props verbs
 * answer (TreeSHAP local accuracy through the API: base + contributions = the served mean), the daily drift report
 * (PSI per feature equal to ml's on the same rows, idempotent per day, warnings logged, an injected shift flagged)
 * and the calibration figures of settled forecasts.
 */
import {
  bookmakers, competitions, fixtures, modelInputs, modelVersions, oddsSnapshots, predictions, seasons, teams, driftReports,
} from '@fairline/db';
import { priceLine } from '@fairline/ml/nfl/props/price';
import { psiByFeature, calibrationDrift, type FeatureProfile } from '@fairline/ml/metrics/index';
import {
  buildEnv, fitPropModel, loadPropModel, MARKETS, offeredRows, PROP_DEFAULTS, projectionRecords, serializePropModel, type MarketName, type PropModel,
} from '@fairline/ml/nfl/props/index';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreshDb } from '../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../src/context.ts';
import { metrics } from '../../../src/lib/metrics.ts';
import { activate } from '../../../src/services/models/registry.ts';
import { writeDriftReport, MIN_LIVE_ROWS } from '../../../src/services/monitoring/drift-report.ts';
import { fixtureProps, playerPage, recordTrainingRun } from '../../../src/services/nfl/props/index.ts';
import { propsOfFixture } from '../../../src/services/nfl/props/fixture-props.ts';
import { rowsOf as rowsIn } from '../../support/database.ts';
import { gamesText, weeklyText } from '../nfl/props/data.ts';
import { freshDatabaseWith2019 } from '../nfl/props/database.ts';

const env = buildEnv([2017, 2018, 2019].map(weeklyText), [gamesText]);
const fast = (m: MarketName) => ({ ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, trees: 25 } });
const trained: PropModel[] = (['receiving_yards', 'receptions'] as const).map((m) => fitPropModel(env, m, [2017, 2018], fast(m)));
const records = trained.map((m) => projectionRecords(m, env, offeredRows(MARKETS[m.market], env.table, new Set([2019]))));

let fresh: FreshDb;
let ctx: Ctx;
const warnings: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
const versionIds: Record<string, number> = {};
/** A 2019 game and its busiest receiver (projected in both markets). */
let gameId: number;
let playerId: number;
const rowsOf = <T>(q: ReturnType<typeof sql>) => rowsIn<T>(fresh.db, q);

beforeAll(async () => {
  ({ fresh, ctx } = await freshDatabaseWith2019());
  ctx = { ...ctx, logger: { info() {}, error() {}, warn: (msg, fields) => warnings.push({ msg, fields }) } };
  const r = await recordTrainingRun({
    ctx,
    input: { models: trained.map((m) => ({ market: m.market, artifact: serializePropModel(m), metrics: {} })), projections: records.flat() },
  });
  for (const m of r.models) {
    versionIds[m.market] = m.id;
    await activate({ ctx, input: { id: m.id } });
  }
  const rec = [...records[1]!].sort((a, b) => b.mean - a.mean)[0]!;
  const [row] = await rowsOf<{ fixture_id: number; player_id: number }>(sql`
    SELECT f.id AS fixture_id, p.id AS player_id FROM fixtures f, players p WHERE f.natural_key = ${rec.gameId} AND p.external_id = ${rec.playerExternalId}`);
  gameId = row!.fixture_id;
  playerId = row!.player_id;
});
afterAll(async () => {
  await fresh?.drop();
});

describe('explanations at the edge (props)', () => {
  it('recording a run stores one feature row per projection', async () => {
    const [{ n }] = (await rowsOf<{ n: string }>(sql`SELECT count(*) AS n FROM model_inputs`)) as [{ n: string }];
    const [{ p }] = (await rowsOf<{ p: string }>(sql`SELECT count(*) AS p FROM projections`)) as [{ p: string }];
    expect(Number(n)).toBe(Number(p));
    expect(Number(n)).toBeGreaterThan(1000);
  });

  it('nfl.props.byFixture explains every projection: base + contributions = the served mean, in the market’s units', async () => {
    const before = metrics.render();
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId } });
    let explained = 0;
    for (const p of r.players) {
      for (const m of p.markets) {
        const e = m.explanation!;
        expect(e).not.toBeNull();
        explained++;
        expect(e.modelVersionId).toBe(m.modelVersion.id);
        expect(e.target).toBe('mean');
        expect(e.scale).toBe('identity');
        expect(e.unit).toBe(m.market === 'receptions' ? 'receptions' : 'yds');
        expect(e.factors.length).toBeGreaterThan(0);
        expect(e.factors.length).toBeLessThanOrEqual(5);
        const sum = e.factors.reduce((s, f) => s + f.contribution, 0) + e.rest;
        expect(e.base + sum).toBeCloseTo(m.mean, 8); // TreeSHAP local accuracy, end to end
        expect(e.value).toBeCloseTo(m.mean, 8);
        for (let k = 1; k < e.factors.length; k++) expect(Math.abs(e.factors[k]!.contribution)).toBeLessThanOrEqual(Math.abs(e.factors[k - 1]!.contribution));
        for (const f of e.factors) expect(f.label).not.toContain('_');
      }
    }
    expect(explained).toBeGreaterThan(4);
    // The request was timed for /metrics: inference and explanation histograms of kind nfl_props.
    const after = metrics.render();
    const count = (text: string, name: string) => Number(new RegExp(`^${name}_count\\{kind="nfl_props"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    expect(count(after, 'fairline_model_inference_seconds')).toBe(count(before, 'fairline_model_inference_seconds') + 1);
    expect(count(after, 'fairline_model_explanation_seconds')).toBe(count(before, 'fairline_model_explanation_seconds') + 1);
  });

  it('the player page explains the same projections; the value finder’s path skips explanations', async () => {
    // The player page shows the player's NEXT scheduled projected game: make this one upcoming, the clock just before it.
    await fresh.db.update(fixtures).set({ status: 'scheduled' }).where(eq(fixtures.id, gameId));
    const [fx] = await fresh.db.select({ kickoffAt: fixtures.kickoffAt }).from(fixtures).where(eq(fixtures.id, gameId));
    const page = await playerPage({ ctx: { ...ctx, clock: () => new Date(fx!.kickoffAt.getTime() - 60_000) }, input: { playerId } });
    expect(page.next?.fixtureId).toBe(gameId);
    const byFixture = await fixtureProps({ ctx, input: { fixtureId: gameId } });
    const same = byFixture.players.find((p) => p.playerId === playerId)!;
    for (const m of page.next!.markets) expect(m.explanation).toEqual(same.markets.find((x) => x.market === m.market)!.explanation);
    const plain = await propsOfFixture(ctx, gameId);
    expect(plain.players.flatMap((p) => p.markets.map((m) => m.explanation))).toEqual(plain.players.flatMap((p) => p.markets.map(() => null)));
  });

  it('a projection without a stored feature row answers explanation null, not an invented one', async () => {
    await fresh.db.delete(modelInputs).where(sql`${modelInputs.fixtureId} = ${gameId} AND ${modelInputs.playerId} = ${playerId} AND ${modelInputs.market} = 'receptions'`);
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId, markets: ['receptions'] } });
    const p = r.players.find((x) => x.playerId === playerId)!;
    expect(p.markets[0]!.explanation).toBeNull();
    expect(r.players.filter((x) => x.playerId !== playerId).every((x) => x.markets[0]!.explanation !== null)).toBe(true);
  });
});

/** The report's clock: just after the rows were written (all within the 7-day window). */
const now = () => new Date(Date.now() + 60_000);

describe('daily drift report', () => {
  it('writes PSI per feature of each active GBDT version: ml’s figure on the same live rows, levelled 0.1 / 0.25', async () => {
    warnings.length = 0;
    const s = await writeDriftReport({ ctx, input: { now: now() } });
    expect(s.psiVersions).toBe(2);
    const id = versionIds.receiving_yards!;
    const rows = await fresh.db.select().from(driftReports).where(eq(driftReports.modelVersionId, id));
    const [mv] = await rowsOf<{ profile: FeatureProfile }>(sql`SELECT artifact -> 'featureProfile' AS profile FROM model_versions WHERE id = ${id}`);
    const live = (await fresh.db.select({ f: modelInputs.features }).from(modelInputs).where(eq(modelInputs.modelVersionId, id))).map((r) => r.f);
    expect(live.length).toBeGreaterThanOrEqual(MIN_LIVE_ROWS);
    const expected = psiByFeature(mv!.profile, live);
    expect(rows.filter((r) => r.metric === 'psi')).toHaveLength(expected.length);
    for (const e of expected) {
      const row = rows.find((r) => r.subject === e.feature)!;
      expect(row.value).toBeCloseTo(e.psi, 12);
      expect(row.baseline).toBeCloseTo(e.expected, 12);
      expect(row.level).toBe(e.level);
      expect(row).toMatchObject({ window: '7d', sampleSize: live.length, reportedOn: now().toISOString().slice(0, 10) });
    }
    // A whole season of a model trained on the two before: most features hold their law.
    const median = expected.map((e) => e.psi).sort((a, b) => a - b)[Math.floor(expected.length / 2)]!;
    expect(median).toBeLessThan(0.1);
    // Each flagged version is one warning line naming its features.
    const flagged = new Set(rows.filter((r) => r.level !== 'ok').map((r) => r.modelVersionId));
    expect(warnings.filter((w) => w.msg.startsWith('drift: nfl_props nfl:receiving_yards')).length).toBe(flagged.size);
  });

  it('is idempotent per day: a re-run replaces the day’s figures', async () => {
    const count = async () => Number(((await rowsOf<{ n: string }>(sql`SELECT count(*) AS n FROM drift_reports`)) as [{ n: string }])[0].n);
    const before = await count();
    await writeDriftReport({ ctx, input: { now: now() } });
    expect(await count()).toBe(before);
  });

  it('flags a feature whose live rows shifted (an upstream unit change: target share ×100) as an alert, and warns', async () => {
    const id = versionIds.receptions!;
    const names = trained[1]!.featureNames;
    const j = names.indexOf('target_share_8g');
    const at = sql.raw(String(j)); // an array index, not a bound parameter (a text parameter would be read as an object key)
    await fresh.db.execute(sql`UPDATE model_inputs SET features = jsonb_set(features, ${sql.raw(`'{${j}}'`)}, to_jsonb((features ->> ${at})::float8 * 100)) WHERE model_version_id = ${id} AND features ->> ${at} IS NOT NULL`);
    warnings.length = 0;
    await writeDriftReport({ ctx, input: { now: now() } });
    const [row] = await fresh.db.select().from(driftReports).where(sql`${driftReports.modelVersionId} = ${id} AND ${driftReports.subject} = 'target_share_8g'`);
    expect(row!.value).toBeGreaterThan(0.25);
    expect(row!.level).toBe('alert');
    const w = warnings.find((x) => x.msg.startsWith('drift: nfl_props nfl:receptions'))!;
    expect(String(w.fields!.features)).toContain('target_share_8g');
  });

  it('widens a thin week to 28 days, and skips versions with too few live rows even then rather than reporting noise', async () => {
    const widened = await writeDriftReport({ ctx, input: { now: new Date(Date.now() + 8 * 86_400_000) } }); // the rows are 8 days old
    expect(widened.psiVersions).toBe(2);
    const [r] = await fresh.db.select().from(driftReports).where(sql`${driftReports.reportedOn} = ${new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10)} AND ${driftReports.metric} = 'psi'`).limit(1);
    expect(r!.window).toBe('28d');
    const later = new Date(Date.now() + 29 * 86_400_000); // every live row is older than 28 days
    const s = await writeDriftReport({ ctx, input: { now: later } });
    expect(s.psiVersions).toBe(0);
    expect(s.skipped.some((x) => x.includes(`0 live rows in 28 days (< ${MIN_LIVE_ROWS})`))).toBe(true);
  });
});

describe('calibration drift of settled 1X2 forecasts', () => {
  /** Writes `n` finished matches of the last 28 days with 1X2 forecasts under a new active version; outcomes drawn from `truth`. */
  async function settledLeague(code: string, n: number, forecast: (t: [number, number, number]) => [number, number, number], metricsOf: Record<string, number>) {
    const [c] = await fresh.db.insert(competitions).values({ sport: 'soccer', code, name: `Test ${code}` }).returning();
    const [s] = await fresh.db.insert(seasons).values({ competitionId: c!.id, label: '2026/27' }).returning();
    const ts = await fresh.db.insert(teams).values(Array.from({ length: 20 }, (_, i) => ({ sport: 'soccer' as const, name: `${code} Team ${i}` }))).returning();
    const [mv] = await fresh.db.insert(modelVersions).values({ kind: 'soccer_dixon_coles', scope: `soccer:${code}`, version: 1, status: 'active', config: {}, metrics: metricsOf, artifact: {} }).returning();
    let seed = 99;
    const u = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (let i = 0; i < n; i++) {
      const kickoff = new Date(Date.now() - (1 + (i % 25)) * 86_400_000);
      const h = 0.3 + 0.35 * u();
      const truth: [number, number, number] = [h, 0.25, 1 - h - 0.25];
      const r = u();
      const outcome = r < truth[0] ? 0 : r < truth[0] + truth[1] ? 1 : 2;
      const [fx] = await fresh.db.insert(fixtures).values({
        sport: 'soccer', competitionId: c!.id, seasonId: s!.id, naturalKey: `${code}:${i}`, homeTeamId: ts[i % 20]!.id, awayTeamId: ts[(i + 1) % 20]!.id,
        kickoffAt: kickoff, status: 'final', homeScore: outcome === 0 ? 2 : outcome === 1 ? 1 : 0, awayScore: outcome === 2 ? 2 : 1,
      }).returning();
      const p = forecast(truth);
      await fresh.db.insert(predictions).values((['home', 'draw', 'away'] as const).map((sel, k) => ({
        modelVersionId: mv!.id, fixtureId: fx!.id, market: '1x2', selection: sel, probability: p[k]!, createdAt: new Date(kickoff.getTime() - 3_600_000),
      })));
    }
    return mv!.id;
  }

  it('reports Brier and ECE per kind+scope under its active version; a calibrated league is ok, an overconfident one alerts', async () => {
    const good = await settledLeague('TG', 300, (t) => t, {});
    const bad = await settledLeague('TB', 300, ([h, d, a]) => [Math.min(0.9, h + 0.2), d, Math.max(0.02, a - 0.2)], { brier: 0.58 });
    warnings.length = 0;
    const s = await writeDriftReport({ ctx, input: { now: now() } });
    expect(s.calibrationScopes).toBe(2);
    const of = async (id: number) => fresh.db.select().from(driftReports).where(eq(driftReports.modelVersionId, id));
    const g = await of(good);
    const b = await of(bad);
    expect(g.map((r) => r.metric).sort()).toEqual(['brier', 'ece']);
    expect(g.every((r) => r.level === 'ok' && r.sampleSize === 300 && r.window === '28d')).toBe(true);
    expect(b.every((r) => r.level === 'alert')).toBe(true);
    const bEce = b.find((r) => r.metric === 'ece')!;
    expect(bEce.value).toBeGreaterThan((bEce.details as { eceAlert: number }).eceAlert);
    expect(b.find((r) => r.metric === 'brier')!.baseline).toBe(0.58);
    // The figure is ml's on the same settled forecasts.
    const rows = await rowsOf<{ home: number; draw: number; away: number; hs: number; as: number }>(sql`
      SELECT max(p.probability) FILTER (WHERE selection = 'home') AS home, max(p.probability) FILTER (WHERE selection = 'draw') AS draw,
             max(p.probability) FILTER (WHERE selection = 'away') AS away, f.home_score AS hs, f.away_score AS as
      FROM predictions p JOIN fixtures f ON f.id = p.fixture_id WHERE p.model_version_id = ${good} GROUP BY f.id`);
    const ref = calibrationDrift(rows.map((r) => [r.home, r.draw, r.away]), rows.map((r) => (r.hs > r.as ? 0 : r.hs === r.as ? 1 : 2)));
    expect(g.find((r) => r.metric === 'brier')!.value).toBeCloseTo(ref.brier, 12);
    expect(g.find((r) => r.metric === 'ece')!.value).toBeCloseTo(ref.ece, 12);
    expect(warnings.some((w) => w.msg.startsWith('drift: soccer_dixon_coles soccer:TB calibration'))).toBe(true);
    expect(warnings.some((w) => w.msg.startsWith('drift: soccer_dixon_coles soccer:TG'))).toBe(false);
  });
});

describe('calibration drift of settled prop forecasts', () => {
  it('scores P(over) at the book’s line before kickoff against the box score, per market, pushes left out', async () => {
    // Week 2 of 2019 replayed as if it kicks off a day after its projections were recorded (projections are
    // append-only: the timeline moves, not their created_at), reported on a day later, a book quoting each
    // receptions projection.
    const kickoff = new Date(Date.now() + 86_400_000);
    const reportAt = new Date(kickoff.getTime() + 86_400_000);
    const week = await rowsOf<{ id: number }>(sql`SELECT f.id FROM fixtures f JOIN seasons s ON s.id = f.season_id WHERE s.label = '2019' AND f.week = 2 AND f.status = 'final'`);
    const ids = week.map((w) => w.id);
    expect(ids.length).toBeGreaterThan(10);
    await fresh.db.execute(sql`UPDATE fixtures SET kickoff_at = ${kickoff} WHERE id IN ${ids}`);
    const [book] = await fresh.db.insert(bookmakers).values({ key: 'calib_book', name: 'Calibration Book' }).returning();
    const projected = await rowsOf<{ fixture_id: number; player_id: number; mean: number }>(sql`
      SELECT fixture_id, player_id, mean FROM projections WHERE fixture_id IN ${ids} AND market = 'receptions' AND model_version_id = ${versionIds.receptions!}`);
    // Lines around the projection, a whole one every third player (a push is possible there).
    const lineOf = (i: number, mean: number) => (i % 3 === 0 ? Math.round(mean) : Math.floor(mean) + 0.5);
    await fresh.db.insert(oddsSnapshots).values(projected.map((p, i) => ({
      fixtureId: p.fixture_id, bookmakerId: book!.id, market: 'player_prop' as const, selection: 'over', line: lineOf(i, p.mean), playerId: p.player_id,
      prop: 'receptions', price: 1.9, capturedAt: new Date(kickoff.getTime() - 3_600_000), source: 'test',
    })));
    const s = await writeDriftReport({ ctx, input: { now: reportAt } });
    expect(s.skipped.join('; ')).not.toMatch(/nfl:receptions: \d+ settled/);
    const [ece] = await fresh.db.select().from(driftReports).where(sql`${driftReports.modelVersionId} = ${versionIds.receptions!} AND ${driftReports.metric} = 'ece'`);
    const [brier] = await fresh.db.select().from(driftReports).where(sql`${driftReports.modelVersionId} = ${versionIds.receptions!} AND ${driftReports.metric} = 'brier'`);

    // The same figure from the full model loaded from its artifact and the stored box scores.
    const model = loadPropModel(JSON.parse(JSON.stringify(serializePropModel(trained[1]!))));
    const probs: number[][] = [];
    const outcomes: number[] = [];
    for (const [i, p] of projected.entries()) {
      const [box] = await rowsOf<{ receptions: number | null }>(sql`SELECT receptions FROM player_game_stats WHERE fixture_id = ${p.fixture_id} AND player_id = ${p.player_id}`);
      const line = lineOf(i, p.mean);
      if (!box || box.receptions === null || box.receptions === line) continue;
      const price = priceLine(model, p.mean, line);
      const over = price.over / (price.over + price.under);
      probs.push([over, 1 - over]);
      outcomes.push(box.receptions > line ? 0 : 1);
    }
    expect(probs.length).toBeGreaterThanOrEqual(30);
    const ref = calibrationDrift(probs, outcomes);
    expect(ece!.sampleSize).toBe(probs.length);
    expect(ece!.value).toBeCloseTo(ref.ece, 12);
    expect(brier!.value).toBeCloseTo(ref.brier, 12);
    expect(ece!.level).toBe(ref.level);
    expect(ece!.window).toBe('28d');
  });
});
