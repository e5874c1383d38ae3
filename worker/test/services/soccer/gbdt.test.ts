/**
 * The soccer GBDT variants from the real local Postgres: ingested EPL files → priced results (Pinnacle pre-close and
 * closing as the CSV has them) → the retrain trainers of soccer_model and soccer_ensemble (walk-forward gate score,
 * a loadable artifact) → the active version's forecast of a fixture from results before its kick-off.
 */
import { competitions, fixtures, teams } from '@fairline/db';
import { parseFootballDataCsv } from '@fairline/ml/data/football-data';
import { loadSoccerEnsemble } from '@fairline/ml/soccer/ensemble/index';
import { soccerResultsWithPrices } from '@fairline/db';
import { and, eq } from 'drizzle-orm';
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
import { soccerGbdtForecast } from '../../../src/services/soccer/gbdt.ts';
import { soccerFairPrices } from '../../../src/services/soccer/fair-prices.ts';
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

describe('retraining the GBDT variants', () => {
  let model: TrainedCandidate;

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
