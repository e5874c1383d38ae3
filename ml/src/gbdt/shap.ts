/**
 * Exact TreeSHAP (Lundberg, Erion & Lee, "Consistent Individualized Feature Attribution for Tree Ensembles",
 * 2018, Algorithm 2): Shapley values of the tree's conditional-expectation game in O(L·D²) per tree, walking
 * one "unique path" of (feature, zero fraction, one fraction, permutation weight) entries. The covers (hessian
 * sums) weight the cold branches, as in XGBoost's `pred_contribs`.
 */
import { depthOf, type Forest } from './forest.ts';

/** Preallocated path storage: each recursion level copies its parent's path into the next slice. */
export class ShapWorkspace {
  readonly feat: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly pw: Float64Array;
  constructor(f: Forest) {
    const d = maxDepth(f) + 2;
    const size = ((d + 1) * (d + 2)) / 2 + d;
    this.feat = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.pw = new Float64Array(size);
  }
}

function maxDepth(f: Forest): number {
  let best = 0;
  for (let t = 0; t < f.treeRoot.length; t++) best = Math.max(best, depthOf(f, f.treeRoot[t]!));
  return best;
}

/** Per output, Σ over trees of the cover-weighted mean leaf value: the expected margin minus the base. */
export function expectedValues(f: Forest): Float64Array {
  const out = new Float64Array(f.numOutputs);
  for (let t = 0; t < f.treeRoot.length; t++) {
    const k = f.treeClass[t]!;
    out[k] = out[k]! + nodeMean(f, f.treeRoot[t]!);
  }
  return out;
}

function nodeMean(f: Forest, nd: number): number {
  if (f.feature[nd]! < 0) return f.value[nd]!;
  const l = f.children[2 * nd]!;
  const r = f.children[2 * nd + 1]!;
  const cl = f.cover[l]!;
  const cr = f.cover[r]!;
  const c = cl + cr;
  if (!(c > 0)) return (nodeMean(f, l) + nodeMean(f, r)) / 2;
  return (cl * nodeMean(f, l) + cr * nodeMean(f, r)) / c;
}

/** phi[0..F) += SHAP values of `row` over the trees of output k. */
export function treeShapRow(f: Forest, row: ArrayLike<number>, k: number, phi: Float64Array, ws: ShapWorkspace): void {
  for (let t = 0; t < f.treeRoot.length; t++) {
    if (f.treeClass[t] !== k) continue;
    recurse(f, row, phi, ws, f.treeRoot[t]!, 0, 0, 1, 1, -1);
  }
}

function extend(ws: ShapWorkspace, p: number, depth: number, zero: number, one: number, feat: number): void {
  const { pw } = ws;
  ws.feat[p + depth] = feat;
  ws.zero[p + depth] = zero;
  ws.one[p + depth] = one;
  pw[p + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    pw[p + i + 1] = pw[p + i + 1]! + (one * pw[p + i]! * (i + 1)) / (depth + 1);
    pw[p + i] = (zero * pw[p + i]! * (depth - i)) / (depth + 1);
  }
}

function unwind(ws: ShapWorkspace, p: number, depth: number, idx: number): void {
  const { pw } = ws;
  const one = ws.one[p + idx]!;
  const zero = ws.zero[p + idx]!;
  let next = pw[p + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = pw[p + i]!;
      pw[p + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (pw[p + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      pw[p + i] = (pw[p + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = idx; i < depth; i++) {
    ws.feat[p + i] = ws.feat[p + i + 1]!;
    ws.zero[p + i] = ws.zero[p + i + 1]!;
    ws.one[p + i] = ws.one[p + i + 1]!;
  }
}

function unwoundSum(ws: ShapWorkspace, p: number, depth: number, idx: number): number {
  const { pw } = ws;
  const one = ws.one[p + idx]!;
  const zero = ws.zero[p + idx]!;
  let next = pw[p + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = pw[p + i]! - (tmp * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += pw[p + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function recurse(
  f: Forest,
  row: ArrayLike<number>,
  phi: Float64Array,
  ws: ShapWorkspace,
  nd: number,
  parentP: number,
  depth: number,
  zero: number,
  one: number,
  feat: number,
): void {
  // This level's path lives right after the parent's; copy the parent's `depth` entries, then extend.
  const p = parentP + depth + 1;
  for (let i = 0; i < depth; i++) {
    ws.feat[p + i] = ws.feat[parentP + i]!;
    ws.zero[p + i] = ws.zero[parentP + i]!;
    ws.one[p + i] = ws.one[parentP + i]!;
    ws.pw[p + i] = ws.pw[parentP + i]!;
  }
  extend(ws, p, depth, zero, one, feat);
  const sf = f.feature[nd]!;
  if (sf < 0) {
    const v = f.value[nd]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(ws, p, depth, i);
      const j = ws.feat[p + i]!;
      phi[j] = phi[j]! + w * (ws.one[p + i]! - ws.zero[p + i]!) * v;
    }
    return;
  }
  let x = row[sf]!;
  if (f.float32) x = Math.fround(x);
  const l = f.children[2 * nd]!;
  const r = f.children[2 * nd + 1]!;
  const goLeft = x !== x ? f.defaultLeft[nd] === 1 : x < f.threshold[nd]!;
  const hot = goLeft ? l : r;
  const cold = goLeft ? r : l;
  const c = f.cover[nd]!;
  const hotZero = c > 0 ? f.cover[hot]! / c : 0.5;
  const coldZero = c > 0 ? f.cover[cold]! / c : 0.5;
  let inZero = 1;
  let inOne = 1;
  let d = depth;
  let k = 0;
  for (; k <= d; k++) if (ws.feat[p + k] === sf) break;
  if (k !== d + 1) {
    inZero = ws.zero[p + k]!;
    inOne = ws.one[p + k]!;
    unwind(ws, p, d, k);
    d -= 1;
  }
  recurse(f, row, phi, ws, hot, p, d + 1, hotZero * inZero, inOne, sf);
  recurse(f, row, phi, ws, cold, p, d + 1, coldZero * inZero, 0, sf);
}
