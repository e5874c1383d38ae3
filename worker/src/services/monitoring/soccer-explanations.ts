/**
 * Explanations of the soccer GBDT variants (`soccer_model`, `soccer_ensemble`; ml/src/soccer/ensemble) for a
 * fixture: TreeSHAP per outcome (home, draw, away) in the softmax GBDT's margin — logit units, BEFORE the isotonic
 * calibration, boosted from the Dixon–Coles (model) or pre-close market (ensemble) log probabilities, which are part of
 * the base — from the fixture's stored feature row (`model_inputs`, player null, market '1x2', every feature in
 * ml's FEATURE_NAMES order; the Dixon–Coles and market probabilities are read back from their own columns).
 * "Why 62 % home": the home margin is the base (the offset's log probability plus the trees' average) plus the
 * factors; a positive contribution pushes home up relative to the other outcomes.
 */
import { fixtureModelInputs } from '@fairline/db';
import {
  explainSoccerEnsemble, FEATURE_NAMES, loadSoccerEnsemble, offsetOf, type FeatureRow, type LoadedSoccerEnsemble,
} from '@fairline/ml/soccer/ensemble/index';
import type { Ctx } from '../../context.ts';
import { isBroken, LoadedModels } from '../models/registry.ts';
import type { Explanation } from './explanations.ts';

const LABELS: Record<string, string> = {
  dc_home: 'Dixon–Coles P(home)', dc_draw: 'Dixon–Coles P(draw)', dc_away: 'Dixon–Coles P(away)', dc_xg_home: 'expected goals, home', dc_xg_away: 'expected goals, away',
  att_home: 'home attack rating', def_home: 'home defence rating', att_away: 'away attack rating', def_away: 'away defence rating',
  sot_att_home: 'home shots-on-target attack', sot_def_home: 'home shots-on-target defence', sot_att_away: 'away shots-on-target attack', sot_def_away: 'away shots-on-target defence',
  elo_diff: 'Elo difference (home − away)', elo_expected: 'Elo expected score, home', form_pts_home: 'home form (points)', form_pts_away: 'away form (points)',
  form_gd_home: 'home form (goal difference)', form_gd_away: 'away form (goal difference)', form_sot_home: 'home form (shots on target)', form_sot_away: 'away form (shots on target)',
  rest_home: 'home rest days', rest_away: 'away rest days', promoted_home: 'home side promoted', promoted_away: 'away side promoted',
  recent_home: 'home matches, last 30 days', recent_away: 'away matches, last 30 days',
  mkt_home: 'market P(home), pre-close', mkt_draw: 'market P(draw), pre-close', mkt_away: 'market P(away), pre-close',
  mkt_minus_dc_home: 'market − Dixon–Coles, home', mkt_minus_dc_away: 'market − Dixon–Coles, away',
};

/** A readable label of a soccer ensemble feature (the name itself for one added later). */
export const soccerFeatureLabel = (name: string) => LABELS[name] ?? name.replace(/_/g, ' ');

const at = (f: Float64Array, name: string) => f[FEATURE_NAMES.indexOf(name)]!;

/** The ml FeatureRow of a stored feature row: the offsets' probabilities come from their own columns. */
export function featureRowOf(features: ReadonlyArray<number | null>): FeatureRow {
  if (features.length !== FEATURE_NAMES.length) throw new RangeError(`soccer explanations: a row of ${features.length} values for ${FEATURE_NAMES.length} features`);
  const f = Float64Array.from(features, (x) => (x === null ? NaN : x));
  const mkt: [number, number, number] = [at(f, 'mkt_home'), at(f, 'mkt_draw'), at(f, 'mkt_away')];
  return {
    day: 0, home: '', away: '', features: f, dc: [at(f, 'dc_home'), at(f, 'dc_draw'), at(f, 'dc_away')],
    preClose: mkt.every((p) => p > 0) ? mkt : null, closing: null,
  };
}

/** Explanations of the three outcomes of a feature row under a loaded soccer GBDT (top 5 factors each, labelled). */
export function soccerExplanationsOf(modelVersionId: number, loaded: LoadedSoccerEnsemble, features: ReadonlyArray<number | null>, top = 5): Explanation[] {
  const row = featureRowOf(features);
  const F = loaded.columns.length;
  const margins = loaded.gbdt.predictMargin({ values: Float64Array.from(loaded.columns, (c) => row.features[c]!), rows: 1, cols: F });
  const offset = offsetOf(row, loaded.artifact.offset);
  return explainSoccerEnsemble(loaded, row, F).map((o, k) => {
    const all = o.factors;
    const shown = all.slice(0, top).filter((f) => f.contribution !== 0);
    const rest = all.slice(shown.length).reduce((s, f) => s + f.contribution, 0);
    return {
      modelVersionId, target: o.outcome, scale: 'logit', unit: 'logit', base: o.base, value: margins[k]! + offset[k]!,
      factors: shown.map((f) => ({ feature: f.feature, label: soccerFeatureLabel(f.feature), value: Number.isNaN(f.value) ? null : f.value, contribution: f.contribution })),
      rest,
    };
  });
}

/** Soccer GBDT versions, loaded once per isolate (a Dixon–Coles version is remembered as broken: nothing to explain). */
const loadedSoccer = new LoadedModels<LoadedSoccerEnsemble>((artifact) => loadSoccerEnsemble(artifact));

/**
 * The explanations of a fixture's 1X2 under soccer GBDT version `modelVersionId` (home, draw, away), or null when the
 * version has no trees (Dixon–Coles) or the fixture no stored feature row under it. For the serving verb of the
 * soccer variants (soccer.fairPrices once they are served).
 */
export async function soccerExplanations(ctx: Pick<Ctx, 'read' | 'logger'>, fixtureId: number, modelVersionId: number): Promise<Explanation[] | null> {
  const [input] = (await fixtureModelInputs(ctx.read, fixtureId, [modelVersionId], null)).filter((i) => i.market === '1x2');
  if (!input) return null;
  const loaded = await loadedSoccer.get(ctx.read, modelVersionId);
  if (isBroken(loaded)) return null;
  try {
    return soccerExplanationsOf(modelVersionId, loaded, input.features);
  } catch (err) {
    ctx.logger.warn('explanations: stored soccer feature row does not fit its model', { modelVersionId, fixtureId, why: String(err) });
    return null;
  }
}
