/**
 * Gradient boosting (Friedman, "Greedy Function Approximation", Ann. Stat. 2001) with second-order trees on
 * quantile histograms (Chen & Guestrin 2016). One pass per round: gradients → grow → (refit leaves for
 * quantile losses) → add the tree's leaf values to the training margins straight from the leaf row segments
 * (no traversal) → score the validation set incrementally for early stopping.
 */
import { binMatrix, buildBinMapper, type BinMapper, type BinnedMatrix } from './binning.ts';
import { buildForest, truncateForest, type TreeArrays } from './forest.ts';
import { TreeGrower, type GrowParams, type GrownTree } from './grow.ts';
import { fingerprint, toDense } from './matrix.ts';
import { GbdtModel } from './model.ts';
import { makeObjective } from './objectives.ts';
import { refitLeaves } from './refit.ts';
import { accumulateMargins } from './predict.ts';
import { createRng, type Rng } from '../numerics/rng.ts';
import { DEFAULT_PARAMS, type EvalRecord, type FeatureMatrix, type GbdtParams } from './types.ts';
import { validateParams } from './params.ts';

export interface TrainInput {
  /** Rows × features, row-major (see types.ts); NaN / null = missing. */
  features: FeatureMatrix;
  /** Defaults to f0, f1, … */
  featureNames?: string[];
  label: ArrayLike<number>;
  weight?: ArrayLike<number>;
  params?: Partial<GbdtParams>;
  /** Validation set for the per-round metric and early stopping. */
  valid?: { features: FeatureMatrix; label: ArrayLike<number>; weight?: ArrayLike<number>; offset?: ArrayLike<number> };
  /**
   * Per-row initial margins, rows × outputs row-major (LightGBM's init_score, XGBoost's base_margin): boosting
   * starts from them instead of a constant, so the trees learn a correction to an existing forecast (e.g. the log
   * probabilities of a Dixon–Coles model). The model's own base margin is then 0, and the same offset must be
   * added to `predictMargin` at prediction time. Required on `valid` when given here.
   */
  offset?: ArrayLike<number>;
  /** Timestamp stored in the artifact (injectable so training stays deterministic in tests). */
  createdAt?: string;
}

/** 'auto' histograms are quantized from this many rows (below it, quantization noise is not worth the risk). */
const QUANTIZE_FROM_ROWS = 10_000;

/**
 * Trains a gradient-boosted tree ensemble (Chen & Guestrin, "XGBoost", KDD 2016, on quantile-binned histograms):
 * `params` over `DEFAULT_PARAMS`, optional validation set with early stopping. Deterministic for a given seed
 * and `createdAt`.
 */
export function trainGbdt(input: TrainInput): GbdtModel {
  const params: GbdtParams = { ...DEFAULT_PARAMS, ...input.params };
  const X = toDense(input.features);
  const n = X.rows;
  const F = X.cols;
  if (n === 0) throw new Error('gbdt: no training rows');
  const y = Float64Array.from(input.label);
  if (y.length !== n) throw new Error(`gbdt: ${y.length} labels for ${n} rows`);
  const w = input.weight ? Float64Array.from(input.weight) : undefined;
  if (w && (w.length !== n || w.some((v) => !(v >= 0)))) throw new Error('gbdt: weights must be one non-negative number per row');
  if (params.objective === 'softmax' && !params.numClass) params.numClass = Math.max(...y) + 1;
  validateParams(params, F);
  const featureNames = input.featureNames ?? Array.from({ length: F }, (_, i) => `f${i}`);
  if (featureNames.length !== F) throw new Error(`gbdt: ${featureNames.length} feature names for ${F} features`);

  const obj = makeObjective(params.objective, { alpha: params.alpha, numClass: params.numClass });
  obj.checkLabels(y);
  const K = obj.outputs;
  const offset = input.offset ? checkOffset(input.offset, n, K, 'offset') : undefined;
  // With an offset the prior forecast is in the offset; a constant base on top would double-count it.
  const base = offset ? new Float64Array(K) : obj.baseMargin(y, w, params.baseScore);
  const mapper = buildBinMapper(X, params.maxBins);
  const bins = binMatrix(X, mapper);

  const pred = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) pred[i * K + k] = base[k]! + (offset ? offset[i * K + k]! : 0);
  if (offset && input.valid && !input.valid.offset) throw new Error('gbdt: a validation set needs an offset when training has one');
  const valid = input.valid ? prepareValid(input.valid, F, obj, base, K) : undefined;

  const monotone = params.monotone.some((c) => c !== 0) ? Int8Array.from(params.monotone) : null;
  const gp: GrowParams = {
    lambda: params.lambda,
    minChildWeight: params.minChildWeight,
    monotone,
    maxDepth: params.maxDepth,
    maxLeaves: params.maxLeaves,
    gamma: params.gamma,
    learningRate: params.learningRate,
    quantized: params.histogram === 'quantized' || (params.histogram === 'auto' && n >= QUANTIZE_FROM_ROWS),
    seed: 0,
  };
  const refit = obj.leafQuantile;
  const grower = new TreeGrower(bins, mapper);
  const rng = createRng(params.seed);
  const gh = Array.from({ length: K }, () => new Float64Array(2 * n));
  const trees: TreeArrays[] = [];
  const treeClass: number[] = [];
  const history: EvalRecord[] = [];
  let best = { round: 0, score: Infinity };
  let rounds = 0;

  for (let round = 0; round < params.trees; round++) {
    for (let k = 0; k < K; k++) obj.gradients(y, w, pred, k, gh[k]!);
    for (let k = 0; k < K; k++) {
      const count = sampleRows(grower.rows, n, params.subsample, rng);
      const features = sampleFeatures(F, params.colsample, rng);
      gp.seed = (params.seed * 1000003 + round * K + k) >>> 0;
      const t = grower.grow(gh[k]!, count, features, gp);
      const leaves = reachableLeaves(t);
      if (refit !== undefined) {
        refitLeaves(t, leaves, { rows: grower.rows, y, w, pred, K, k, alpha: refit, learningRate: params.learningRate, monotone });
      }
      if (count === n) {
        for (const leaf of leaves) {
          const v = t.value[leaf]!;
          for (let i = t.start[leaf]!, e = t.end[leaf]!; i < e; i++) {
            const o = grower.rows[i]! * K + k;
            pred[o] = pred[o]! + v;
          }
        }
      } else {
        // Subsampled: rows outside the sample need a walk down the tree on their bins anyway.
        for (let r = 0; r < n; r++) pred[r * K + k] = pred[r * K + k]! + t.value[binnedLeaf(t, bins, r, mapper)]!;
      }
      const arrays = toTreeArrays(t, mapper);
      trees.push(arrays);
      treeClass.push(k);
      if (valid) accumulateMargins(buildForest([arrays], [k], F, K), valid.X.values, valid.X.rows, valid.pred);
    }
    rounds = round + 1;
    if (valid) {
      const score = obj.evaluate(valid.y, valid.w, valid.pred);
      history.push({ round: rounds, valid: score });
      if (score < best.score) best = { round: rounds, score };
      if (params.earlyStoppingRounds > 0 && rounds - best.round >= params.earlyStoppingRounds) break;
    }
  }

  let forest = buildForest(trees, treeClass, F, K);
  let bestRound = rounds;
  if (valid && params.earlyStoppingRounds > 0 && best.round < rounds) {
    bestRound = best.round;
    forest = truncateForest(forest, bestRound);
    pred.fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) pred[i * K + k] = base[k]! + (offset ? offset[i * K + k]! : 0);
    accumulateMargins(forest, X.values, n, pred);
  }
  const trainScore = obj.evaluate(y, w, pred);
  return new GbdtModel({
    forest,
    objective: params.objective,
    alpha: params.alpha,
    baseMargin: base,
    featureNames,
    params,
    metrics: {
      metric: obj.metric,
      train: trainScore,
      ...(valid ? { valid: history[bestRound - 1]!.valid } : {}),
      bestRound,
      rounds,
      history,
    },
    fingerprint: fingerprint(X, y),
    createdAt: input.createdAt ?? new Date().toISOString(),
    source: 'fairline',
  });
}

function prepareValid(
  v: NonNullable<TrainInput['valid']>,
  F: number,
  obj: ReturnType<typeof makeObjective>,
  base: Float64Array,
  K: number,
) {
  const X = toDense(v.features, F);
  const y = Float64Array.from(v.label);
  if (y.length !== X.rows) throw new Error(`gbdt: ${y.length} validation labels for ${X.rows} rows`);
  obj.checkLabels(y);
  const w = v.weight ? Float64Array.from(v.weight) : undefined;
  const off = v.offset ? checkOffset(v.offset, X.rows, K, 'valid.offset') : undefined;
  const pred = new Float64Array(X.rows * K);
  for (let i = 0; i < X.rows; i++) for (let k = 0; k < K; k++) pred[i * K + k] = base[k]! + (off ? off[i * K + k]! : 0);
  return { X, y, w, pred };
}

/** An offset as a finite Float64Array of rows × outputs, or a clear error. */
function checkOffset(o: ArrayLike<number>, rows: number, K: number, name: string): Float64Array {
  const a = Float64Array.from(o);
  if (a.length !== rows * K) throw new Error(`gbdt: ${name} needs ${rows} × ${K} values, got ${a.length}`);
  if (!a.every(Number.isFinite)) throw new Error(`gbdt: ${name} values must be finite`);
  return a;
}

/** Bernoulli row sample into rows[0..count); all rows in order when rate ≥ 1. */
/** Uniform in [0, 1) from ONE 32-bit draw: half the cost of `next()`, and plenty for sampling decisions. */
function uniform32(rng: Rng): number {
  return rng.u32() / 4294967296;
}

function sampleRows(rows: Uint32Array, n: number, rate: number, rng: Rng): number {
  let c = 0;
  if (rate >= 1) {
    for (let i = 0; i < n; i++) rows[i] = i;
    return n;
  }
  for (let i = 0; i < n; i++) if (uniform32(rng) < rate) rows[c++] = i;
  return c;
}

/** max(1, round(rate·F)) features drawn without replacement (partial Fisher–Yates), ascending. */
function sampleFeatures(F: number, rate: number, rng: Rng): Int32Array {
  const all = new Int32Array(F);
  for (let i = 0; i < F; i++) all[i] = i;
  if (rate >= 1) return all;
  const m = Math.max(1, Math.round(rate * F));
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(uniform32(rng) * (F - i));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, m).sort();
}

function reachableLeaves(t: GrownTree): number[] {
  const out: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    const l = t.left[i]!;
    if (l < 0) out.push(i);
    else stack.push(l + 1, l);
  }
  return out;
}

/** Leaf of training row r in a grown tree, on its bins (for rows left out by subsampling). */
function binnedLeaf(t: GrownTree, bm: BinnedMatrix, r: number, m: BinMapper): number {
  let nd = 0;
  while (t.left[nd]! >= 0) {
    const f = t.feature[nd]!;
    const b = bm.columns[f * bm.rows + r]!;
    const goLeft = b === m.numBins[f]! ? t.defaultLeft[nd]! : b <= t.bin[nd]!;
    nd = goLeft ? t.left[nd]! : t.left[nd]! + 1;
  }
  return nd;
}

/** Reachable nodes in pre-order, bins turned into raw thresholds (x < cuts[bin] ⇔ bin ≤ split bin). */
function toTreeArrays(t: GrownTree, m: BinMapper): TreeArrays {
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    order.push(i);
    const l = t.left[i]!;
    if (l >= 0) stack.push(l + 1, l);
  }
  const local = new Map<number, number>();
  order.forEach((id, i) => local.set(id, i));
  const out = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], defaultLeft: [] as boolean[], value: [] as number[], gain: [] as number[], cover: [] as number[] };
  for (const id of order) {
    const l = t.left[id]!;
    const f = t.feature[id]!;
    out.feature.push(l >= 0 ? f : -1);
    if (l >= 0) {
      const cuts = m.cuts[f]!;
      const b = t.bin[id]!;
      // bin = last value bin: every value goes left, only missing values go right.
      out.threshold.push(b < cuts.length ? cuts[b]! : Number.MAX_VALUE);
    } else out.threshold.push(0);
    out.left.push(l >= 0 ? local.get(l)! : -1);
    out.right.push(l >= 0 ? local.get(l + 1)! : -1);
    out.defaultLeft.push(t.defaultLeft[id]!);
    out.value.push(t.value[id]!);
    out.gain.push(t.gain[id]!);
    out.cover.push(t.cover[id]!);
  }
  return out;
}
