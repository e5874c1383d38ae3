/**
 * The soccer GBDT variants from the real local Postgres: ingested EPL files → priced results (Pinnacle pre-close and
 * closing as the CSV has them) → the retrain trainers of soccer_model and soccer_ensemble (walk-forward gate score,
 * a loadable artifact) → the active version's forecast of a fixture from results before its kick-off.
 */
import { competitions, fixtures, latestPredictionVersion, modelInputs, modelVersions, predictions, teamAliases, teams } from '@fairline/db';
import { soccer } from '@fairline/ml';
import { parseFootballDataCsv } from '@fairline/ml/data/football-data';
import { FEATURE_NAMES, loadSoccerEnsemble, walkForwardFeatures, type FeatureRow } from '@fairline/ml/soccer/ensemble/index';
import { soccerResultsWithPrices } from '@fairline/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../src/context.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import { activateIn, fileCandidateIn } from '../../../src/services/models/registry.ts';
import { soccerEnsembleTrainer, soccerModelTrainer } from '../../../src/services/models/retrain/soccer-gbdt.ts';
import { isSkip, type TrainedCandidate } from '../../../src/services/models/retrain/types.ts';
import { GBDT_DC, gbdtMatches, soccerGbdtForecast } from '../../../src/services/soccer/gbdt.ts';
import { soccerFairPrices } from '../../../src/services/soccer/fair-prices.ts';
import { refreshSoccerPredictions } from '../../../src/services/soccer/refresh-predictions.ts';
import { dayOf, fitSoccerModel, soccerHistory } from '../../../src/services/soccer/model.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data/soccer_football_data/E0');
const SEASONS = ['2016-17', '2017-18', '2018-19'];
const files = SEASONS.map((s) => ({ name: `E0_${s}.csv`, text: readFileSync(path.join(DATA, `E0_${s}.csv`), 'utf8') }));
const NOW = new Date('2019-07-01T06:00:00Z');

let fresh: FreshDb;
let ctx: Ctx;
let competitionId: number;
let code: string;

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => NOW, logger: silentLogger, fetch };
  await ingestFootballData({ ctx, input: { files } });
  const [c] = await fresh.db.select({ id: competitions.id, code: competitions.code }).from(competitions).where(eq(competitions.sport, 'soccer'));
  competitionId = c!.id;
  code = c!.code;
}, 180_000);
afterAll(async () => {
  await fresh?.drop();
});

describe('priced results from the database', () => {
  it('carry the CSV\'s Pinnacle pre-close and closing 1X2 for each finished match', async () => {
    const rows = await soccerResultsWithPrices(fresh.db, competitionId, NOW, 4000);
    expect(rows).toHaveLength(3 * 380);
    const csv = parseFootballDataCsv(files[2]!.text).matches;
    const last = rows.at(-1)!;
    const want = csv.filter((m) => m.day === dayOf(last.kickoffAt));
    expect(want.some((m) => m.pinnacle!.home === last.preClose!.home && m.pinnacle!.away === last.preClose!.away)).toBe(true);
    expect(want.some((m) => m.pinnacleClosing!.home === last.closing!.home)).toBe(true);
    expect(rows.every((r, i) => i === 0 || rows[i - 1]!.kickoffAt <= r.kickoffAt)).toBe(true);
  });
});

describe('shots on target from the database', () => {
  it('re-ingesting the files (now with HST/AST stored) writes nothing', async () => {
    const again = await ingestFootballData({ ctx, input: { files } });
    expect(again.inserted).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBeGreaterThan(3 * 380);
  }, 180_000);

  it('give the GBDT the same features and ratings as the CSV files for the same matches', async () => {
    // The CSV path: the files as bench:soccer reads them, team names mapped to the ids the ingest resolved.
    const aliases = await fresh.db.select({ alias: teamAliases.alias, teamId: teamAliases.teamId }).from(teamAliases).where(eq(teamAliases.source, 'football-data'));
    const idOf = new Map(aliases.map((a) => [a.alias, String(a.teamId)]));
    const csv = files.flatMap((f) => parseFootballDataCsv(f.text).matches).map((m) => {
      const b = soccer.backtestMatchFromFootballData(m);
      return { ...b, home: idOf.get(b.home)!, away: idOf.get(b.away)! };
    });
    const db = await gbdtMatches(ctx, competitionId, NOW);
    expect(db).toHaveLength(csv.length);
    expect(db.filter((m) => m.homeShotsOnTarget != null && m.awayShotsOnTarget != null)).toHaveLength(csv.filter((m) => m.homeShotsOnTarget != null).length);
    const rowsOf = (ms: readonly soccer.BacktestMatch[]) => {
      const warmEnd = ms[0]!.day + 365;
      const { rows } = walkForwardFeatures(ms.filter((m) => m.day < warmEnd), ms.filter((m) => m.day >= warmEnd), { hp: GBDT_DC });
      return new Map(rows.map((r) => [`${r.day}|${r.home}|${r.away}`, r]));
    };
    const [fromCsv, fromDb] = [rowsOf([...csv].sort((a, b) => a.day - b.day)), rowsOf(db)];
    expect(fromDb.size).toBe(fromCsv.size);
    expect(fromDb.size).toBeGreaterThan(700);
    const sot = FEATURE_NAMES.indexOf('sot_att_home');
    let withShots = 0;
    for (const [key, want] of fromCsv) {
      const got: FeatureRow = fromDb.get(key)!;
      expect(got, key).toBeDefined();
      if (!Number.isNaN(got.features[sot]!)) withShots++;
      FEATURE_NAMES.forEach((name, i) => {
        const [a, b] = [got.features[i]!, want.features[i]!];
        if (Number.isNaN(b)) expect(a, `${key} ${name}`).toBeNaN();
        else expect(a, `${key} ${name}`).toBeCloseTo(b, 8);
      });
      for (let k = 0; k < 3; k++) expect(got.dc[k]).toBeCloseTo(want.dc[k]!, 8);
    }
    // The shots-on-target ratings are really there (they were all missing before HST/AST were stored).
    expect(withShots).toBe(fromDb.size);
  }, 300_000);
});

describe('retraining the GBDT variants', () => {
  let model: TrainedCandidate;
  let ensembleCandidate: TrainedCandidate;

  it('soccer_model: a candidate with its walk-forward gate score on the latest 200 matches and a loadable artifact', async () => {
    const r = await soccerModelTrainer.train(ctx, { scope: `soccer:${code}`, ref: { competitionId, code } }, {});
    if (isSkip(r)) throw new Error(r.detail);
    model = r;
    expect(r.version.kind).toBe('soccer_model');
    expect(r.version.metrics.gateN).toBe(200);
    expect(r.score).toBeGreaterThan(0.15);
    expect(r.score).toBeLessThan(0.25);
    const loaded = loadSoccerEnsemble(r.version.artifact);
    expect(loaded.artifact.variant).toBe('model');
    expect(r.version.featureColumns.some((f) => f.startsWith('mkt_'))).toBe(false);
    // The same procedure scores the same; a demo version is not compared.
    expect(await r.scoreActive({ config: { params: undefined }, simulated: false } as never)).toBe(r.score);
    expect(await r.scoreActive({ config: {}, simulated: true } as never)).toEqual({ note: 'the active version is a demo model' });
  }, 120_000);

  it('soccer_ensemble: trains on the pre-close prices and is scored beside them', async () => {
    const r = await soccerEnsembleTrainer.train(ctx, { scope: `soccer:${code}`, ref: { competitionId, code } }, {});
    if (isSkip(r)) throw new Error(r.detail);
    ensembleCandidate = r;
    expect(loadSoccerEnsemble(r.version.artifact).artifact.offset).toBe('market');
    expect(r.version.metrics.preCloseRps).toBeGreaterThan(0.15);
    // With the market inside, it is far closer to the pre-close price than the model is.
    expect(Math.abs(r.score - r.version.metrics.preCloseRps!)).toBeLessThan(Math.abs(model.score - r.version.metrics.preCloseRps!));
  }, 120_000);

  it('refuses a competition with too little history', async () => {
    const short: Ctx = { ...ctx, clock: () => new Date('2017-09-01T00:00:00Z') };
    const r = await soccerModelTrainer.train(short, { scope: `soccer:${code}`, ref: { competitionId, code } }, {});
    expect(isSkip(r) && r.skip).toBe('too-few');
  });

  it('fair prices without an active GBDT version are the Dixon–Coles grid alone', async () => {
    const fx = await lastFixture();
    const r = await soccerFairPrices({ ctx, input: { fixtureId: fx.id } });
    expect([r.gbdt, r.ensemble, r.explanations]).toEqual([null, null, null]);
  }, 60_000);

  it('serves the active version: a fixture\'s calibrated 1X2 and its explanation, from results before kick-off only', async () => {
    const none = await soccerGbdtForecast(ctx, { variant: 'model', competition: { id: competitionId, code: 'NOPE' }, fixture: await lastFixture(), dixonColes: await dcBefore(await lastFixture()) });
    expect(none).toBeNull();
    const filed = await fresh.db.transaction(async (tx) => {
      const v = await fileCandidateIn(tx, model.version);
      await activateIn(tx, { id: v.id, kind: 'soccer_model', scope: `soccer:${code}` });
      return v;
    });
    const fx = await lastFixture();
    const f = await soccerGbdtForecast(ctx, { variant: 'model', competition: { id: competitionId, code }, fixture: fx, dixonColes: await dcBefore(fx) });
    expect(f!.versionId).toBe(filed.id);
    const p = f!.probabilities;
    expect(p.home + p.draw + p.away).toBeCloseTo(1, 12);
    expect(f!.explanation.map((e) => e.outcome)).toEqual(['home', 'draw', 'away']);
    expect(f!.explanation[0]!.factors.length).toBe(5);
    // Its own result (and later ones) cannot move it: the forecast asked after the season equals one asked before.
    const afterSeason: Ctx = { ...ctx, clock: () => new Date('2030-01-01') };
    const later = await soccerGbdtForecast(afterSeason, { variant: 'model', competition: { id: competitionId, code }, fixture: fx, dixonColes: await dcBefore(fx) });
    expect(later!.probabilities).toEqual(p);

    // soccer.fairPrices now prices every market from the Dixon–Coles grid reweighted to the model's 1X2, and explains it.
    const fair = await soccerFairPrices({ ctx, input: { fixtureId: fx.id } });
    expect(fair.gbdt).toMatchObject({ kind: 'soccer_model', versionId: filed.id });
    expect(fair.ensemble).toBeNull();
    for (const k of ['home', 'draw', 'away'] as const) expect(fair.book.matchOdds[k].p).toBeCloseTo(fair.gbdt!.probabilities[k], 12);
    expect(fair.gbdt!.probabilities).toEqual(p);
    expect(fair.book.drawNoBet.home.p).toBeCloseTo(p.home / (p.home + p.away), 12);
    expect(fair.explanations!.map((e) => [e.target, e.modelVersionId])).toEqual([['home', filed.id], ['draw', filed.id], ['away', filed.id]]);
    // The 1X2 rows of the books' quotes are priced with the same probabilities.
    const oneXTwo = fair.markets.find((m) => m.market === '1x2');
    if (oneXTwo) expect(oneXTwo.selections.find((x) => x.selection === 'home')!.model.win).toBeCloseTo(p.home, 12);
  }, 120_000);

  it('the hourly refresh stores the GBDT versions\' 1X2 and feature rows beside Dixon–Coles; fair prices still price the Dixon–Coles version\'s grid', async () => {
    await fresh.db.transaction(async (tx) => {
      const v = await fileCandidateIn(tx, ensembleCandidate.version);
      await activateIn(tx, { id: v.id, kind: 'soccer_ensemble', scope: `soccer:${code}` });
    });
    // The season's last round becomes upcoming: scheduled, no score, the clock the day before.
    const lastDay = await fresh.db.select({ id: fixtures.id, kickoffAt: fixtures.kickoffAt }).from(fixtures).where(eq(fixtures.competitionId, competitionId)).orderBy(desc(fixtures.kickoffAt)).limit(10);
    const ids = lastDay.map((f) => f.id);
    await fresh.db.update(fixtures).set({ status: 'scheduled', homeScore: null, awayScore: null, homeScoreHt: null, awayScoreHt: null, homeShotsOnTarget: null, awayShotsOnTarget: null }).where(inArray(fixtures.id, ids));
    const before = new Date(Math.min(...lastDay.map((f) => f.kickoffAt.getTime())) - 86_400_000);
    const dayBefore: Ctx = { ...ctx, clock: () => before };

    const r = await refreshSoccerPredictions({ ctx: dayBefore });
    expect(r.gbdtInserted).toBe(ids.length * 3 * 2);
    expect(r.inserted).toBe(ids.length * (7 + 6));
    expect(r.changes).toHaveLength(ids.length * 3); // Dixon–Coles 1X2 only
    const stored = await fresh.db
      .select({ fixtureId: predictions.fixtureId, kind: modelVersions.kind, versionId: predictions.modelVersionId, market: predictions.market, selection: predictions.selection, probability: predictions.probability })
      .from(predictions).innerJoin(modelVersions, eq(modelVersions.id, predictions.modelVersionId)).where(inArray(predictions.fixtureId, ids));
    const inputs = await fresh.db.select().from(modelInputs).where(inArray(modelInputs.fixtureId, ids));
    expect(inputs).toHaveLength(ids.length * 2);
    expect(inputs.every((i) => i.playerId === null && i.market === '1x2' && i.features.length === FEATURE_NAMES.length)).toBe(true);
    // The ensemble's rows carry the market features, the model's rows too (one full row; the model only reads its columns).
    expect(inputs.every((i) => i.features[FEATURE_NAMES.indexOf('mkt_home')] !== null)).toBe(true);

    const fx = ids[0]!;
    // The GBDT rows were written after the Dixon–Coles ones: the newest prediction of any kind is a GBDT version's.
    const newest = await latestPredictionVersion(fresh.db, fx);
    expect(stored.find((s) => s.versionId === newest)!.kind).not.toBe('soccer_dixon_coles');
    const dcVersion = stored.find((s) => s.fixtureId === fx && s.kind === 'soccer_dixon_coles')!.versionId;
    const fair = await soccerFairPrices({ ctx: dayBefore, input: { fixtureId: fx } });
    expect(fair.model.kind).toBe('soccer_dixon_coles');
    expect(fair.model.versionId).toBe(dcVersion);
    const storedOf = (kind: string) => Object.fromEntries(stored.filter((s) => s.fixtureId === fx && s.kind === kind && s.market === '1x2').map((s) => [s.selection, s.probability]));
    for (const k of ['home', 'draw', 'away'] as const) {
      expect(fair.gbdt!.probabilities[k]).toBeCloseTo(storedOf('soccer_model')[k]!, 12);
      expect(fair.ensemble!.probabilities[k]).toBeCloseTo(storedOf('soccer_ensemble')[k]!, 12);
      expect(fair.book.matchOdds[k].p).toBeCloseTo(storedOf('soccer_model')[k]!, 12);
    }
    // Explanations read the stored feature row of the same version.
    expect(fair.explanations!.every((e) => e.modelVersionId === fair.ensemble!.versionId)).toBe(true);

    // Idempotent: the next tick with nothing new stores nothing.
    const again = await refreshSoccerPredictions({ ctx: { ...dayBefore, clock: () => new Date(before.getTime() + 3_600_000) } });
    expect([again.inserted, again.gbdtInserted, again.changes.length]).toEqual([0, 0, 0]);
  }, 300_000);
});

async function lastFixture() {
  const [row] = await fresh.db
    .select({ id: fixtures.id, homeTeamId: fixtures.homeTeamId, awayTeamId: fixtures.awayTeamId, kickoffAt: fixtures.kickoffAt, neutral: fixtures.neutralVenue })
    .from(fixtures)
    .innerJoin(teams, eq(teams.id, fixtures.homeTeamId))
    .where(and(eq(fixtures.competitionId, competitionId)))
    .orderBy(fixtures.kickoffAt)
    .limit(1)
    .offset(3 * 380 - 5);
  return row!;
}

async function dcBefore(fx: { kickoffAt: Date }) {
  return fitSoccerModel(await soccerHistory(fresh.db, competitionId, fx.kickoffAt), dayOf(fx.kickoffAt));
}
