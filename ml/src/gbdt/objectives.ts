/**
 * Training objectives: first and second derivatives of the loss in the margin (raw score) space, the initial
 * margin, the response transform and the evaluation metric. Formulas follow XGBoost's objective functions
 * (Chen & Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016, §2.2) so trees are comparable.
 *
 * Absolute and quantile losses have a zero or constant hessian; as in scikit-learn's HistGradientBoosting and
 * XGBoost ≥ 2.0 ("adaptive trees"), the tree structure is grown on the gradients and each leaf is then
 * refitted to the weighted α-quantile of the residuals of its rows (`leafQuantile`).
 */
import { fastExp } from './exp.ts';
import type { ObjectiveName } from './types.ts';

export interface Objective {
  readonly name: ObjectiveName;
  /** Outputs per row (numClass for softmax, else 1). */
  readonly outputs: number;
  readonly metric: string;
  /** Residual quantile the leaves are refitted to (absolute 0.5, quantile α), or undefined. */
  readonly leafQuantile: number | undefined;
  checkLabels(y: Float64Array): void;
  /** Initial margins (length `outputs`). `baseScore` is in the response scale when given. */
  baseMargin(y: Float64Array, w: Float64Array | undefined, baseScore: number | undefined): Float64Array;
  /** Write g, h (interleaved, gh[2i], gh[2i+1]) of output k for every row from the margins `pred` (n × outputs). */
  gradients(y: Float64Array, w: Float64Array | undefined, pred: Float64Array, k: number, gh: Float64Array): void;
  /** Margin → response in place (row-major n × outputs). */
  transform(pred: Float64Array): void;
  /** Metric of margins `pred` (lower is better). */
  evaluate(y: Float64Array, w: Float64Array | undefined, pred: Float64Array): number;
}

const EPS_HESS = 1e-16;

/**
 * The objective named `name` (XGBoost's formulas): its gradients, initial margin, response transform and
 * metric. `alpha` is the quantile level (quantile loss), `numClass` the classes (softmax).
 */
export function makeObjective(name: ObjectiveName, opts: { alpha?: number; numClass?: number } = {}): Objective {
  switch (name) {
    case 'squared':
      return squared();
    case 'absolute':
      return pinball('absolute', 0.5);
    case 'quantile': {
      const a = opts.alpha ?? 0.5;
      if (!(a > 0 && a < 1)) throw new Error(`gbdt: quantile alpha must be in (0, 1), got ${a}`);
      return pinball('quantile', a);
    }
    case 'poisson':
      return poisson();
    case 'logistic':
      return logistic();
    case 'softmax': {
      const k = opts.numClass ?? 0;
      if (!(Number.isInteger(k) && k >= 2)) throw new Error(`gbdt: softmax needs numClass ≥ 2, got ${k}`);
      return softmax(k);
    }
    default:
      throw new Error(`gbdt: unknown objective '${String(name)}'`);
  }
}

function weightedMean(y: Float64Array, w: Float64Array | undefined): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * y[i]!;
    sw += wi;
  }
  return sw > 0 ? s / sw : 0;
}

/** Weighted α-quantile (lower) of values[0..m) with weights (or unit weights); sorts a copy. */
export function weightedQuantile(values: Float64Array, weights: Float64Array | undefined, alpha: number): number {
  const m = values.length;
  if (m === 0) return 0;
  if (!weights) {
    const s = Float64Array.from(values).sort();
    return s[Math.min(m - 1, Math.max(0, Math.ceil(alpha * m) - 1))]!;
  }
  const idx = new Uint32Array(m);
  for (let i = 0; i < m; i++) idx[i] = i;
  idx.sort((a, b) => values[a]! - values[b]!);
  let total = 0;
  for (let i = 0; i < m; i++) total += weights[i]!;
  let acc = 0;
  for (let i = 0; i < m; i++) {
    acc += weights[idx[i]!]!;
    if (acc >= alpha * total) return values[idx[i]!]!;
  }
  return values[idx[m - 1]!]!;
}

function finite(y: Float64Array, what: string): void {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) throw new Error(`gbdt: ${what} label at row ${i} is not a finite number`);
}

function squared(): Objective {
  return {
    name: 'squared',
    outputs: 1,
    metric: 'rmse',
    leafQuantile: undefined,
    checkLabels: (y) => finite(y, 'squared'),
    baseMargin: (y, w, b) => Float64Array.of(b ?? weightedMean(y, w)),
    gradients(y, w, pred, _k, gh) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        gh[2 * i] = wi * (pred[i]! - y[i]!);
        gh[2 * i + 1] = wi;
      }
    },
    transform() {},
    evaluate(y, w, pred) {
      let s = 0;
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const d = pred[i]! - y[i]!;
        s += wi * d * d;
        sw += wi;
      }
      return Math.sqrt(s / sw);
    },
  };
}

/** Pinball loss ρ_α(y − f) (Koenker & Bassett 1978); α = 0.5 is half the absolute error. */
function pinball(name: 'absolute' | 'quantile', alpha: number): Objective {
  return {
    name,
    outputs: 1,
    metric: name === 'absolute' ? 'mae' : `pinball@${alpha}`,
    leafQuantile: alpha,
    checkLabels: (y) => finite(y, name),
    baseMargin(y, w, b) {
      return Float64Array.of(b ?? weightedQuantile(y, w, alpha));
    },
    gradients(y, w, pred, _k, gh) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        gh[2 * i] = wi * (pred[i]! >= y[i]! ? 1 - alpha : -alpha);
        gh[2 * i + 1] = wi;
      }
    },
    transform() {},
    evaluate(y, w, pred) {
      let s = 0;
      let sw = 0;
      const scale = name === 'absolute' ? 2 : 1; // MAE for 'absolute'
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const d = y[i]! - pred[i]!;
        s += wi * scale * (d >= 0 ? alpha * d : (alpha - 1) * d);
        sw += wi;
      }
      return s / sw;
    },
  };
}

/** Poisson regression with a log link; the hessian is inflated by exp(0.7) as XGBoost's max_delta_step does. */
function poisson(): Objective {
  const maxDelta = Math.exp(0.7);
  return {
    name: 'poisson',
    outputs: 1,
    metric: 'poisson-deviance',
    leafQuantile: undefined,
    checkLabels(y) {
      for (let i = 0; i < y.length; i++) {
        if (!(y[i]! >= 0) || !Number.isFinite(y[i]!)) throw new Error(`gbdt: poisson label at row ${i} must be ≥ 0`);
      }
    },
    baseMargin: (y, w, b) => Float64Array.of(Math.log(Math.max(b ?? weightedMean(y, w), 1e-12))),
    gradients(y, w, pred, _k, gh) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const mu = fastExp(pred[i]!);
        gh[2 * i] = wi * (mu - y[i]!);
        gh[2 * i + 1] = wi * mu * maxDelta;
      }
    },
    transform(pred) {
      for (let i = 0; i < pred.length; i++) pred[i] = fastExp(pred[i]!);
    },
    evaluate(y, w, pred) {
      // Mean Poisson deviance 2·(y·log(y/μ) − (y − μ)).
      let s = 0;
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const mu = fastExp(pred[i]!);
        const yi = y[i]!;
        s += wi * 2 * ((yi > 0 ? yi * Math.log(yi / mu) : 0) - (yi - mu));
        sw += wi;
      }
      return s / sw;
    },
  };
}

/** Logistic function 1/(1 + e^−z) with `fastExp`: the logistic objective's margin → probability. */
export function sigmoid(z: number): number {
  return 1 / (1 + fastExp(-z));
}

function logistic(): Objective {
  return {
    name: 'logistic',
    outputs: 1,
    metric: 'logloss',
    leafQuantile: undefined,
    checkLabels(y) {
      for (let i = 0; i < y.length; i++) {
        if (!(y[i]! >= 0 && y[i]! <= 1)) throw new Error(`gbdt: logistic label at row ${i} must be in [0, 1], got ${y[i]}`);
      }
    },
    baseMargin(y, w, b) {
      const p = Math.min(1 - 1e-7, Math.max(1e-7, b ?? weightedMean(y, w)));
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradients(y, w, pred, _k, gh) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const p = sigmoid(pred[i]!);
        gh[2 * i] = wi * (p - y[i]!);
        gh[2 * i + 1] = Math.max(wi * p * (1 - p), EPS_HESS);
      }
    },
    transform(pred) {
      for (let i = 0; i < pred.length; i++) pred[i] = sigmoid(pred[i]!);
    },
    evaluate(y, w, pred) {
      let s = 0;
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const z = pred[i]!;
        // log(1 + e^z) − y·z, computed stably.
        const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        s += wi * (softplus - y[i]! * z);
        sw += wi;
      }
      return s / sw;
    },
  };
}

function softmax(K: number): Objective {
  const probs = new Float64Array(K);
  const rowSoftmax = (pred: Float64Array, base: number) => {
    let mx = -Infinity;
    for (let c = 0; c < K; c++) mx = Math.max(mx, pred[base + c]!);
    let s = 0;
    for (let c = 0; c < K; c++) {
      const e = fastExp(pred[base + c]! - mx);
      probs[c] = e;
      s += e;
    }
    for (let c = 0; c < K; c++) probs[c] = probs[c]! / s;
  };
  return {
    name: 'softmax',
    outputs: K,
    metric: 'mlogloss',
    leafQuantile: undefined,
    checkLabels(y) {
      for (let i = 0; i < y.length; i++) {
        const v = y[i]!;
        if (!(Number.isInteger(v) && v >= 0 && v < K)) throw new Error(`gbdt: softmax label at row ${i} must be an integer in 0..${K - 1}, got ${v}`);
      }
    },
    baseMargin(y, w) {
      // Log class priors, centred: the best constant model.
      const counts = new Float64Array(K).fill(1e-3);
      for (let i = 0; i < y.length; i++) counts[y[i]!] = counts[y[i]!]! + (w ? w[i]! : 1);
      const out = new Float64Array(K);
      let mean = 0;
      for (let c = 0; c < K; c++) mean += (out[c] = Math.log(counts[c]!)) / K;
      for (let c = 0; c < K; c++) out[c] = out[c]! - mean;
      return out;
    },
    gradients(y, w, pred, k, gh) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        rowSoftmax(pred, i * K);
        const p = probs[k]!;
        gh[2 * i] = wi * (p - (y[i] === k ? 1 : 0));
        gh[2 * i + 1] = Math.max(2 * wi * p * (1 - p), EPS_HESS);
      }
    },
    transform(pred) {
      for (let base = 0; base < pred.length; base += K) {
        rowSoftmax(pred, base);
        for (let c = 0; c < K; c++) pred[base + c] = probs[c]!;
      }
    },
    evaluate(y, w, pred) {
      let s = 0;
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        rowSoftmax(pred, i * K);
        s -= wi * Math.log(Math.max(probs[y[i]!]!, 1e-15));
        sw += wi;
      }
      return s / sw;
    },
  };
}
