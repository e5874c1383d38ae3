/**
 * A trained (or imported) gradient-boosted tree ensemble: pure, immutable, serialisable. Predictions are in
 * the response scale (probabilities for logistic/softmax, means for poisson); margins are the raw scores.
 */
import { ARTIFACT_TAG, ARTIFACT_VERSION, type ArtifactTree, type GbdtArtifact } from './artifact.ts';
import { forestImportance, type Importance } from './importance.ts';
import { treeArrays, type Forest } from './forest.ts';
import { toDense } from './matrix.ts';
import { makeObjective, type Objective } from './objectives.ts';
import { accumulateMargins, predictLeaves, rowMargins } from './predict.ts';
import { expectedValues, treeShapRow, ShapWorkspace } from './shap.ts';
import type { FeatureMatrix, GbdtParams, ObjectiveName, TrainingMetrics } from './types.ts';

export interface ModelState {
  forest: Forest;
  objective: ObjectiveName;
  alpha: number;
  /** Initial margin per output. */
  baseMargin: Float64Array;
  featureNames: string[];
  params: GbdtParams | Record<string, unknown>;
  metrics: TrainingMetrics | null;
  fingerprint: string | null;
  createdAt: string;
  /** 'fairline' or e.g. 'xgboost 1.7.4'. */
  source: string;
}

/**
 * A trained or imported tree ensemble: predictions (response scale), margins, leaf indices, TreeSHAP contributions
 * and importance; immutable, and serialisable with `toJSON` (artifact.ts) for `loadGbdt`.
 */
export class GbdtModel {
  readonly forest: Forest;
  readonly objective: ObjectiveName;
  readonly alpha: number;
  readonly baseMargin: Float64Array;
  readonly featureNames: string[];
  readonly params: GbdtParams | Record<string, unknown>;
  readonly metrics: TrainingMetrics | null;
  readonly fingerprint: string | null;
  readonly createdAt: string;
  readonly source: string;
  private readonly obj: Objective;
  private readonly rowBuf: Float64Array;

  constructor(s: ModelState) {
    this.forest = s.forest;
    this.objective = s.objective;
    this.alpha = s.alpha;
    this.baseMargin = s.baseMargin;
    this.featureNames = s.featureNames;
    this.params = s.params;
    this.metrics = s.metrics;
    this.fingerprint = s.fingerprint;
    this.createdAt = s.createdAt;
    this.source = s.source;
    this.obj = makeObjective(s.objective, { alpha: s.alpha, numClass: s.forest.numOutputs });
    this.rowBuf = new Float64Array(s.forest.numOutputs);
    if (s.featureNames.length !== s.forest.numFeatures) throw new Error('gbdt: feature names do not match the forest');
    if (s.baseMargin.length !== s.forest.numOutputs) throw new Error('gbdt: base margin length does not match the outputs');
  }

  get numFeatures(): number {
    return this.forest.numFeatures;
  }
  /** Outputs per row: numClass for softmax, else 1. */
  get numOutputs(): number {
    return this.forest.numOutputs;
  }
  get numTrees(): number {
    return this.forest.treeRoot.length;
  }

  /** Raw scores, n × numOutputs row-major. */
  predictMargin(x: FeatureMatrix): Float64Array {
    const X = toDense(x, this.numFeatures);
    const K = this.numOutputs;
    const out = new Float64Array(X.rows * K);
    for (let i = 0; i < X.rows; i++) for (let k = 0; k < K; k++) out[i * K + k] = this.base(k);
    accumulateMargins(this.forest, X.values, X.rows, out);
    return out;
  }

  /** Predictions in the response scale, n × numOutputs row-major (class probabilities for softmax). */
  predict(x: FeatureMatrix): Float64Array {
    const out = this.predictMargin(x);
    this.transform(out);
    return out;
  }

  /** One row's prediction (response scale); for softmax, the probability vector goes into `out` and its argmax is returned. */
  predictRow(row: ArrayLike<number>, out?: Float64Array): number {
    const m = this.rowBuf;
    for (let k = 0; k < m.length; k++) m[k] = this.base(k);
    rowMargins(this.forest, row, m);
    this.transform(m);
    if (m.length === 1) return m[0]!;
    if (out) out.set(m);
    let best = 0;
    for (let k = 1; k < m.length; k++) if (m[k]! > m[best]!) best = k;
    return best;
  }

  /** Index (within its tree) of the leaf each row reaches in each tree: n × numTrees row-major. */
  predictLeaf(x: FeatureMatrix): Int32Array {
    const X = toDense(x, this.numFeatures);
    return predictLeaves(this.forest, X.values, X.rows);
  }

  /**
   * Exact TreeSHAP contributions in margin space: n × numOutputs × (numFeatures + 1), the last entry of each
   * block being the expected value (base margin included), so each block sums to the row's margin.
   */
  shap(x: FeatureMatrix): Float64Array {
    const X = toDense(x, this.numFeatures);
    const F = this.numFeatures;
    const K = this.numOutputs;
    const out = new Float64Array(X.rows * K * (F + 1));
    const ev = expectedValues(this.forest);
    const ws = new ShapWorkspace(this.forest);
    for (let r = 0; r < X.rows; r++) {
      const row = X.values.subarray(r * F, (r + 1) * F);
      for (let k = 0; k < K; k++) {
        const o = (r * K + k) * (F + 1);
        treeShapRow(this.forest, row, k, out.subarray(o, o + F), ws);
        out[o + F] = ev[k]! + this.base(k);
      }
    }
    return out;
  }

  /** Gain / cover / split-count importance per feature name. */
  importance(): Importance[] {
    return forestImportance(this.forest, this.featureNames);
  }

  /** The versioned artifact (see artifact.ts); `loadGbdt` (load.ts) reads it back. */
  toJSON(): GbdtArtifact {
    return serializeModel(this);
  }

  private base(k: number): number {
    const b = this.baseMargin[k]!;
    return this.forest.float32 ? Math.fround(b) : b;
  }

  private transform(m: Float64Array): void {
    if (!this.forest.float32) {
      this.obj.transform(m);
      return;
    }
    // XGBoost computes the transform in float32.
    this.obj.transform(m);
    for (let i = 0; i < m.length; i++) m[i] = Math.fround(m[i]!);
  }
}

/** The artifact of a model's state (key order fixed: the JSON text is part of the contract). */
function serializeModel(m: ModelState): GbdtArtifact {
  const f = m.forest;
  const trees: ArtifactTree[] = [];
  for (let t = 0; t < f.treeRoot.length; t++) trees.push({ output: f.treeClass[t]!, ...treeArrays(f, t) });
  return {
    tag: ARTIFACT_TAG,
    version: ARTIFACT_VERSION,
    meta: {
      featureNames: [...m.featureNames],
      objective: m.objective,
      alpha: m.alpha,
      numOutputs: f.numOutputs,
      params: m.params,
      metrics: m.metrics,
      dataFingerprint: m.fingerprint,
      createdAt: m.createdAt,
      source: m.source,
    },
    baseMargin: Array.from(m.baseMargin),
    float32: f.float32,
    trees,
  };
}
