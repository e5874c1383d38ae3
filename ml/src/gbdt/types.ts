/**
 * Shared types of the gradient-boosted tree engine.
 *
 * Feature layout: a training or prediction matrix is either `number[][]` (one array per row) or a dense
 * row-major `{ values: Float64Array, rows, cols }` (value of row r, feature j at `values[r * cols + j]`).
 * A missing value is NaN (or null in `number[][]`); every split learns which side missing values go to.
 */

/** A dense row-major matrix; NaN marks a missing value. */
export interface DenseMatrix {
  values: Float64Array;
  rows: number;
  cols: number;
}

export type FeatureMatrix = DenseMatrix | ReadonlyArray<ReadonlyArray<number | null>>;

export type ObjectiveName = 'squared' | 'absolute' | 'quantile' | 'poisson' | 'logistic' | 'softmax';

export interface GbdtParams {
  objective: ObjectiveName;
  /** Quantile level α of the pinball loss (objective 'quantile'). */
  alpha: number;
  /** Number of classes (objective 'softmax'; labels are 0..numClass-1). 0 = infer from the labels. */
  numClass: number;
  /** Boosting rounds (one tree per round, numClass trees per round for softmax). */
  trees: number;
  /** Maximum depth (0 = unlimited, only with maxLeaves > 0). */
  maxDepth: number;
  /** Maximum leaves per tree; > 0 switches to leaf-wise (best-first) growth. */
  maxLeaves: number;
  learningRate: number;
  /** Quantile bins per feature (2..256), missing values get their own extra bin. */
  maxBins: number;
  /** L2 regularisation on leaf weights. */
  lambda: number;
  /** Minimum hessian sum in each child. */
  minChildWeight: number;
  /** Minimum loss reduction to make a split (XGBoost's gamma / min_split_loss). */
  gamma: number;
  /** Row subsampling rate per tree (Bernoulli, seeded). */
  subsample: number;
  /** Column subsampling rate per tree (seeded). */
  colsample: number;
  seed: number;
  /** Stop after this many rounds without improvement on the validation metric (0 = off). */
  earlyStoppingRounds: number;
  /** Per feature: +1 increasing, -1 decreasing, 0 free. Empty = none. */
  monotone: number[];
  /**
   * Histogram arithmetic: 'exact' float64 (g, h) sums, 'quantized' packed integer gradients (quantize.ts; one
   * addition per row and bin instead of two, leaf values still exact), or 'auto' = quantized from 10,000 rows.
   */
  histogram: 'auto' | 'exact' | 'quantized';
  /** Initial prediction (in the response scale); undefined = fitted from the labels. */
  baseScore?: number | undefined;
}

/**
 * Training parameters when none are given: squared error, 100 depth-wise trees of depth 6, learning rate 0.1,
 * λ = 1, min child weight 1, γ = 0, 256 bins, no row or column subsampling, no early stopping or monotone
 * constraints, histogram arithmetic chosen by size ('auto').
 */
export const DEFAULT_PARAMS: GbdtParams = {
  objective: 'squared',
  alpha: 0.5,
  numClass: 0,
  trees: 100,
  maxDepth: 6,
  maxLeaves: 0,
  learningRate: 0.1,
  maxBins: 256,
  lambda: 1,
  minChildWeight: 1,
  gamma: 0,
  subsample: 1,
  colsample: 1,
  seed: 0,
  earlyStoppingRounds: 0,
  monotone: [],
  histogram: 'auto',
};

/** One round's metric values. */
export interface EvalRecord {
  round: number;
  valid: number;
}

export interface TrainingMetrics {
  metric: string;
  /** Training-set metric of the final model (the best round's, with early stopping). */
  train: number;
  /** Validation metric of the final model, when a validation set was given. */
  valid?: number;
  bestRound: number;
  rounds: number;
  history: EvalRecord[];
}
