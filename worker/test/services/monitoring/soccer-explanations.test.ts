/**
 * Soccer GBDT explanations against real Postgres: a small `soccer_ensemble` is trained on synthetic feature rows
 * (ml's FEATURE_NAMES; the outcome leans on the Elo difference), filed, and one fixture's feature row stored in
 * model_inputs. soccerExplanations answers home/draw/away in logit: base + contributions = the margin, and the
 * softmax of the three margins is the ensemble's raw (pre-calibration) forecast.
 */
import { competitions, fixtures, modelInputs, modelVersions, seasons, teams } from '@fairline/db';
import { FEATURE_NAMES, loadSoccerEnsemble, rawProbabilities, trainSoccerEnsemble, type FeatureRow } from '@fairline/ml/soccer/ensemble/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { cliContext } from '../../../src/cli/database.ts';
import type { Ctx } from '../../../src/context.ts';
import { featureRowOf, soccerExplanations } from '../../../src/services/monitoring/soccer-explanations.ts';

/** Seeded synthetic rows: flat Dixon–Coles and market probabilities; the truth leans on the Elo difference. */
function rows(n: number, seed: number): FeatureRow[] {
  let s = seed >>> 0;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  return Array.from({ length: n }, (_, i) => {
    const f = new Float64Array(FEATURE_NAMES.length);
    for (let j = 0; j < f.length; j++) f[j] = u();
    const elo = (u() - 0.5) * 400;
    const h = 0.45 + elo / 1000;
    const dc: [number, number, number] = [0.45, 0.27, 0.28];
    const mkt: [number, number, number] = [0.45, 0.26, 0.29]; // the market does not know the Elo edge: the trees must learn it
    const set = (name: string, v: number) => void (f[FEATURE_NAMES.indexOf(name)] = v);
    set('elo_diff', elo);
    ['dc_home', 'dc_draw', 'dc_away'].forEach((k, c) => set(k, dc[c]!));
    ['mkt_home', 'mkt_draw', 'mkt_away'].forEach((k, c) => set(k, mkt[c]!));
    set('rest_home', NaN); // a missing input
    const r = u();
    const outcome = r < h ? 0 : r < h + 0.26 ? 1 : 2;
    return { day: i, home: `H${i % 10}`, away: `A${i % 10}`, features: f, dc, preClose: mkt, closing: null, outcome };
  });
}

let fresh: FreshDb;
let ctx: Ctx;
let versionId: number;
let fixtureId: number;
const live = rows(1, 77)[0]!;

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = cliContext(fresh.db);
  const artifact = trainSoccerEnsemble({ rows: rows(600, 5), variant: 'ensemble', params: { trees: 20 }, createdAt: '1970-01-01T00:00:00.000Z' });
  const [c] = await fresh.db.insert(competitions).values({ sport: 'soccer', code: 'TX', name: 'Test X' }).returning();
  const [s] = await fresh.db.insert(seasons).values({ competitionId: c!.id, label: '2026/27' }).returning();
  const [h, a] = await fresh.db.insert(teams).values([{ sport: 'soccer', name: 'TX Home' }, { sport: 'soccer', name: 'TX Away' }]).returning();
  const [fx] = await fresh.db.insert(fixtures).values({ sport: 'soccer', competitionId: c!.id, seasonId: s!.id, naturalKey: 'TX:1', homeTeamId: h!.id, awayTeamId: a!.id, kickoffAt: new Date(Date.now() + 86_400_000) }).returning();
  const [mv] = await fresh.db.insert(modelVersions).values({ kind: 'soccer_ensemble', scope: 'soccer:TX', version: 1, status: 'active', config: {}, artifact }).returning();
  [versionId, fixtureId] = [mv!.id, fx!.id];
  await fresh.db.insert(modelInputs).values({ modelVersionId: versionId, fixtureId, playerId: null, market: '1x2', features: Array.from(live.features, (x) => (Number.isNaN(x) ? null : x)) });
});
afterAll(async () => {
  await fresh?.drop();
});

describe('soccer GBDT explanations', () => {
  it('explains home, draw and away in logit: base + contributions = the margin, whose softmax is the raw forecast', async () => {
    const ex = (await soccerExplanations(ctx, fixtureId, versionId))!;
    expect(ex.map((e) => e.target)).toEqual(['home', 'draw', 'away']);
    const loaded = loadSoccerEnsemble(JSON.parse(JSON.stringify((await fresh.db.select().from(modelVersions))[0]!.artifact)));
    const raw = rawProbabilities(loaded, featureRowOf(Array.from(live.features, (x) => (Number.isNaN(x) ? null : x))));
    const z = ex.map((e) => Math.exp(e.value));
    for (const [k, e] of ex.entries()) {
      expect(e).toMatchObject({ modelVersionId: versionId, scale: 'logit', unit: 'logit' });
      expect(e.base + e.factors.reduce((s, f) => s + f.contribution, 0) + e.rest).toBeCloseTo(e.value, 9);
      expect(z[k]! / (z[0]! + z[1]! + z[2]!)).toBeCloseTo(raw[k]!, 9);
      expect(e.factors.length).toBeLessThanOrEqual(5);
    }
    // The Elo difference drives the synthetic outcome: it leads the home explanation, under its label.
    expect(ex[0]!.factors.map((f) => f.label)).toContain('Elo difference (home − away)');
  });

  it('answers null for a fixture without a stored row or a version without trees', async () => {
    expect(await soccerExplanations(ctx, fixtureId + 1000, versionId)).toBeNull();
    const [dc] = await fresh.db.insert(modelVersions).values({ kind: 'soccer_dixon_coles', scope: 'soccer:TX', version: 1, status: 'candidate', config: {}, artifact: { tag: 'dixon-coles' } }).returning();
    await fresh.db.insert(modelInputs).values({ modelVersionId: dc!.id, fixtureId, playerId: null, market: '1x2', features: [1, 2] });
    expect(await soccerExplanations(ctx, fixtureId, dc!.id)).toBeNull();
  });
});
