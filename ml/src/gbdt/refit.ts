/**
 * Leaf refit for the absolute and quantile losses: a leaf's value becomes the learning rate times the
 * weighted α-quantile of its rows' residuals y − margin — the exact line search of the pinball loss within the
 * leaf (Friedman 2001, §4.3 "LAD_TreeBoost"; scikit-learn's HistGradientBoosting does the same).
 *
 * With monotone constraints the refitted values are kept ordered the way XGBoost keeps Newton weights
 * ordered: walking down, a constrained split computes both children's refitted values within the node's
 * bounds (averaging them if they come out in the wrong order) and hands each child the half-range on its side
 * of their midpoint; unconstrained splits pass their bounds down unchanged. Every leaf left of a constrained
 * split is then ≤ every leaf right of it, so predictions are monotone in that feature.
 */
import type { GrownTree } from './grow.ts';
import { weightedQuantile } from './objectives.ts';

export interface RefitInput {
  rows: Uint32Array;
  y: Float64Array;
  w: Float64Array | undefined;
  /** Margins (n × K), before this tree. */
  pred: Float64Array;
  K: number;
  k: number;
  alpha: number;
  learningRate: number;
  monotone: Int8Array | null;
}

/**
 * Refits the leaves of a just-grown tree to the learning rate × the weighted α-quantile of their rows' residuals
 * (Friedman 2001, §4.3), keeping monotone constraints (see the file comment). Writes `t`'s leaf values in place.
 */
export function refitLeaves(t: GrownTree, leaves: readonly number[], a: RefitInput): void {
  const quantile = (id: number): number => {
    const s = t.start[id]!;
    const e = t.end[id]!;
    if (e <= s) return 0;
    const res = new Float64Array(e - s);
    const ww = a.w ? new Float64Array(e - s) : undefined;
    for (let i = s; i < e; i++) {
      const r = a.rows[i]!;
      res[i - s] = a.y[r]! - a.pred[r * a.K + a.k]!;
      if (ww) ww[i - s] = a.w![r]!;
    }
    return weightedQuantile(res, ww, a.alpha);
  };
  const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
  const mono = a.monotone;
  if (!mono) {
    for (const leaf of leaves) t.value[leaf] = a.learningRate * quantile(leaf);
    return;
  }
  const visit = (id: number, lo: number, hi: number): void => {
    const l = t.left[id]!;
    if (l < 0) {
      t.value[id] = a.learningRate * clamp(quantile(id), lo, hi);
      return;
    }
    const c = mono[t.feature[id]!]!;
    if (c === 0) {
      visit(l, lo, hi);
      visit(l + 1, lo, hi);
      return;
    }
    let wl = clamp(quantile(l), lo, hi);
    let wr = clamp(quantile(l + 1), lo, hi);
    if (c * (wr - wl) < 0) wl = wr = (wl + wr) / 2;
    const mid = (wl + wr) / 2;
    if (c > 0) {
      visit(l, lo, mid);
      visit(l + 1, mid, hi);
    } else {
      visit(l, mid, hi);
      visit(l + 1, lo, mid);
    }
  };
  visit(0, -Infinity, Infinity);
}
