/**
 * Predicting with a loaded ensemble: GBDT margins (+ the offset forecast's log probabilities) → softmax →
 * one-vs-rest isotonic → floor → renormalise. And the explanation of one prediction by TreeSHAP.
 */
import { predictMulticlassIsotonic } from '../../calibration/multiclass.ts';
import type { LoadedSoccerEnsemble, OffsetKind } from './artifact.ts';
import type { FeatureRow } from './features.ts';

const OUTCOMES = ['home', 'draw', 'away'] as const;

/** The offset margins of a row: log probabilities of its baseline forecast (zeros for 'none'). */
export function offsetOf(row: FeatureRow, kind: OffsetKind): [number, number, number] {
  if (kind === 'none') return [0, 0, 0];
  const p = kind === 'market' && row.preClose ? row.preClose : row.dc;
  return [Math.log(Math.max(p[0], 1e-6)), Math.log(Math.max(p[1], 1e-6)), Math.log(Math.max(p[2], 1e-6))];
}

/** A row's feature values in the artifact's column order. */
export function columnsOf(row: FeatureRow, columns: readonly number[]): Float64Array {
  return Float64Array.from(columns, (c) => row.features[c]!);
}

/** Softmax of three margins. */
function softmax3(m: ArrayLike<number>): [number, number, number] {
  const mx = Math.max(m[0]!, m[1]!, m[2]!);
  const e = [Math.exp(m[0]! - mx), Math.exp(m[1]! - mx), Math.exp(m[2]! - mx)];
  const s = e[0]! + e[1]! + e[2]!;
  return [e[0]! / s, e[1]! / s, e[2]! / s];
}

/** The GBDT's uncalibrated 1X2 probabilities of a row (offset included). */
export function rawProbabilities(loaded: LoadedSoccerEnsemble, row: FeatureRow): [number, number, number] {
  const m = loaded.gbdt.predictMargin({ values: columnsOf(row, loaded.columns), rows: 1, cols: loaded.columns.length });
  const o = offsetOf(row, loaded.artifact.offset);
  return softmax3([m[0]! + o[0], m[1]! + o[1], m[2]! + o[2]]);
}

/** Calibrate a probability vector: isotonic per class, floored, renormalised, mixed with the input by α. */
export function calibrate(loaded: Pick<LoadedSoccerEnsemble, 'artifact'>, p: readonly number[]): [number, number, number] {
  const q = predictMulticlassIsotonic(loaded.artifact.calibration, p).map((v) => Math.max(v, loaded.artifact.floor));
  const s = q[0]! + q[1]! + q[2]!;
  const a = loaded.artifact.calibrationWeight;
  return [(1 - a) * p[0]! + (a * q[0]!) / s, (1 - a) * p[1]! + (a * q[1]!) / s, (1 - a) * p[2]! + (a * q[2]!) / s];
}

/** The ensemble's calibrated 1X2 probabilities (home, draw, away) for one feature row. */
export function predictSoccerEnsemble(loaded: LoadedSoccerEnsemble, row: FeatureRow): [number, number, number] {
  return calibrate(loaded, rawProbabilities(loaded, row));
}

/** One outcome's explanation: its probability and the features that moved it most. */
export interface OutcomeExplanation {
  outcome: 'home' | 'draw' | 'away';
  /** Calibrated probability of the outcome. */
  probability: number;
  /** Margin the trees start from: their expected value plus the offset forecast's log probability. */
  base: number;
  /** Largest contributions first (TreeSHAP, in the margin space of the GBDT — before softmax and isotonic). */
  factors: { feature: string; value: number; contribution: number }[];
}

/**
 * Why the ensemble says what it says: exact TreeSHAP contributions of each feature to each outcome's margin
 * (Lundberg et al. 2020), the `top` largest by size. The contributions and `base` add up to the outcome's margin.
 */
export function explainSoccerEnsemble(loaded: LoadedSoccerEnsemble, row: FeatureRow, top = 5): OutcomeExplanation[] {
  const x = columnsOf(row, loaded.columns);
  const F = loaded.columns.length;
  const phi = loaded.gbdt.shap({ values: x, rows: 1, cols: F });
  const probs = predictSoccerEnsemble(loaded, row);
  const o = offsetOf(row, loaded.artifact.offset);
  return OUTCOMES.map((outcome, k) => {
    const block = phi.subarray(k * (F + 1), (k + 1) * (F + 1));
    const factors = loaded.artifact.featureNames
      .map((feature, j) => ({ feature, value: x[j]!, contribution: block[j]! }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, top);
    return { outcome, probability: probs[k]!, base: block[F]! + o[k]!, factors };
  });
}
