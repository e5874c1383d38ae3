/**
 * Training the soccer ensemble: a 3-class softmax GBDT (our engine) boosted from an offset forecast, then a
 * one-vs-rest isotonic calibrator fitted OUT OF SAMPLE — on cross-fitted predictions: the rows are cut into
 * `folds` contiguous blocks of time, each block is predicted by a GBDT trained on the other blocks, the
 * isotonic maps are fitted to those out-of-fold predictions, and the final GBDT is trained on every row.
 */
import { fitMulticlassIsotonic } from '../../calibration/multiclass.ts';
import { featureProfile } from '../../metrics/psi.ts';
import { trainGbdt, type GbdtModel, type GbdtParams } from '../../gbdt/index.ts';
import { SOCCER_DEFAULTS, type SoccerHyperparameters } from '../defaults.ts';
import { SOCCER_ENSEMBLE_TAG, SOCCER_ENSEMBLE_VERSION, type OffsetKind, type SoccerEnsembleArtifact } from './artifact.ts';
import { FEATURE_NAMES, featureNamesOf, type EnsembleVariant, type FeatureRow } from './features.ts';
import { offsetOf } from './predict.ts';

/**
 * The base GBDT settings the walk-forward search started from (bench/soccer/TUNING.md, "Ensemble"): shallow, slow,
 * regularised trees — a correction to a good forecast, not a forecast from scratch.
 */
export const GBDT_BASE: Partial<GbdtParams> = {
  objective: 'softmax',
  numClass: 3,
  trees: 150,
  maxDepth: 3,
  learningRate: 0.03,
  lambda: 10,
  minChildWeight: 20,
  subsample: 0.8,
  colsample: 0.8,
  maxBins: 64,
  seed: 7,
};

/** GBDT settings per variant: the base with the changes chosen by walk-forward on earlier seasons (TUNING.md). */
export const GBDT_DEFAULTS: Record<EnsembleVariant, Partial<GbdtParams>> = {
  model: { ...GBDT_BASE, trees: 100, minChildWeight: 50 },
  ensemble: { ...GBDT_BASE, trees: 60, maxDepth: 2, minChildWeight: 100, learningRate: 0.01 },
};

/** Weight of the isotonic calibrator per variant, chosen by walk-forward on earlier seasons (TUNING.md). */
export const CALIBRATION_WEIGHT: Record<EnsembleVariant, number> = { model: 0.25, ensemble: 0.25 };

/** Options of `trainSoccerEnsemble`. */
export interface EnsembleTrainInput {
  rows: readonly FeatureRow[];
  variant: EnsembleVariant;
  /** Overrides of the variant's `GBDT_DEFAULTS`. */
  params?: Partial<GbdtParams>;
  /** Default: 'market' for the ensemble variant, 'dc' for the model. */
  offset?: OffsetKind;
  /** Contiguous time blocks for the cross-fitted calibration. Default 4. */
  folds?: number;
  /** Smallest calibrated class probability. Default 0.01. */
  floor?: number;
  /** Weight of the isotonic map against the raw forecast (artifact.ts). Default: the tuned value of the variant. */
  calibrationWeight?: number;
  /** Features left out (by name), e.g. in an ablation. */
  exclude?: readonly string[];
  /** The Dixon–Coles hyperparameters the rows' features were built with (recorded in the artifact). */
  dc?: SoccerHyperparameters;
  createdAt?: string;
}

/** Train the GBDT and its out-of-sample isotonic calibrator; the artifact is ready for `loadSoccerEnsemble`. */
export function trainSoccerEnsemble(input: EnsembleTrainInput): SoccerEnsembleArtifact {
  // The ensemble learns how to correct the market, so it trains only on matches that had a market price: rows
  // without one would teach corrections of the Dixon–Coles offset instead.
  const rows = input.rows.filter((r) => r.outcome !== undefined && (input.variant === 'model' || r.preClose)).sort((a, b) => a.day - b.day);
  const folds = input.folds ?? 4;
  if (rows.length < folds * 50) throw new Error(`soccer ensemble: ${rows.length} finished rows are too few to train (need ${folds * 50})`);
  const offset = input.offset ?? (input.variant === 'ensemble' ? 'market' : 'dc');
  if (input.variant === 'model' && offset === 'market') throw new Error('soccer ensemble: the model variant cannot start from the market');
  const names = featureNamesOf(input.variant).filter((f) => !input.exclude?.includes(f));
  const columns = names.map((f) => FEATURE_NAMES.indexOf(f));
  const params: Partial<GbdtParams> = { ...GBDT_DEFAULTS[input.variant], ...input.params, objective: 'softmax', numClass: 3 };
  const createdAt = input.createdAt ?? new Date().toISOString();
  const fit = (part: readonly FeatureRow[]) => trainGbdt({ ...design(part, columns, offset), featureNames: names, params, createdAt });

  // Cross-fitted out-of-fold probabilities for the calibrator.
  const oof: number[][] = [];
  const outcomes: number[] = [];
  const size = Math.ceil(rows.length / folds);
  for (let f = 0; f < folds; f++) {
    const held = rows.slice(f * size, (f + 1) * size);
    if (held.length === 0) continue;
    const model = fit([...rows.slice(0, f * size), ...rows.slice((f + 1) * size)]);
    for (const r of held) {
      oof.push(rawProbabilitiesOf(model, r, columns, offset));
      outcomes.push(r.outcome!);
    }
  }
  const calibration = fitMulticlassIsotonic(oof, outcomes);
  const gbdt = fit(rows);
  return {
    tag: SOCCER_ENSEMBLE_TAG,
    version: SOCCER_ENSEMBLE_VERSION,
    variant: input.variant,
    featureNames: names,
    dc: input.dc ?? SOCCER_DEFAULTS,
    offset,
    floor: input.floor ?? 0.01,
    calibrationWeight: input.calibrationWeight ?? CALIBRATION_WEIGHT[input.variant],
    gbdt: gbdt.toJSON(),
    calibration,
    trainedOn: { rows: rows.length, fromDay: rows[0]!.day, toDay: rows[rows.length - 1]!.day },
    metrics: null,
    featureProfile: profileOf(rows),
  };
}

/** The training profile of every feature (FEATURE_NAMES width) for drift monitoring. */
function profileOf(rows: readonly FeatureRow[]) {
  const F = FEATURE_NAMES.length;
  const values = new Float64Array(rows.length * F);
  rows.forEach((r, i) => values.set(r.features, i * F));
  return featureProfile({ values, rows: rows.length, cols: F }, FEATURE_NAMES);
}

function design(rows: readonly FeatureRow[], columns: readonly number[], offset: OffsetKind) {
  const F = columns.length;
  const values = new Float64Array(rows.length * F);
  const label = new Float64Array(rows.length);
  const off = new Float64Array(rows.length * 3);
  rows.forEach((r, i) => {
    for (let j = 0; j < F; j++) values[i * F + j] = r.features[columns[j]!]!;
    label[i] = r.outcome!;
    off.set(offsetOf(r, offset), i * 3);
  });
  return { features: { values, rows: rows.length, cols: F }, label, ...(offset === 'none' ? {} : { offset: off }) };
}

function rawProbabilitiesOf(model: GbdtModel, r: FeatureRow, columns: readonly number[], offset: OffsetKind): number[] {
  const m = model.predictMargin({ values: Float64Array.from(columns, (c) => r.features[c]!), rows: 1, cols: columns.length });
  const o = offsetOf(r, offset);
  const z = [m[0]! + o[0], m[1]! + o[1], m[2]! + o[2]];
  const mx = Math.max(...z);
  const e = z.map((v) => Math.exp(v - mx));
  const s = e[0]! + e[1]! + e[2]!;
  return e.map((v) => v / s);
}
