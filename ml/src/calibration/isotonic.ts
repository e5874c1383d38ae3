/**
 * Isotonic regression by pool-adjacent-violators (Ayer et al. 1955; Barlow et al. 1972, "Statistical
 * Inference under Order Restrictions"): the non-decreasing step function minimising weighted squared error.
 * Used to calibrate probabilities (Zadrozny & Elkan 2002): fit on (predicted p, outcome 0/1).
 *
 * Prediction interpolates linearly between the fitted knots and clamps outside them — the same convention
 * as scikit-learn's IsotonicRegression(out_of_bounds="clip"), so results can be checked against it.
 */

/** Tag of a serialised isotonic model; `loadIsotonic` rejects any other. */
export const ISOTONIC_TAG = 'fairline.calibration.isotonic';
/** Format version of a serialised isotonic model (bump when the JSON shape changes). */
export const ISOTONIC_VERSION = 1;

export interface IsotonicModel {
  /** Increasing knot positions. */
  x: number[];
  /** Non-decreasing fitted values at the knots. */
  y: number[];
}

/** Fit a non-decreasing function y ≈ f(x). */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>, weights?: ArrayLike<number>): IsotonicModel {
  const n = x.length;
  if (n === 0) throw new RangeError('isotonic: empty input');
  if (y.length !== n || (weights && weights.length !== n)) throw new RangeError('isotonic: x, y and weights must have the same length');
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) throw new RangeError(`isotonic: non-finite value at index ${i}`);
    if (weights && !(weights[i]! >= 0)) throw new RangeError(`isotonic: weights must be ≥ 0 (index ${i})`);
  }
  order.sort((a, b) => x[a]! - x[b]! || a - b);
  // Merge tied x into one point (weighted mean of y) — ties must share one fitted value.
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  for (const i of order) {
    const w = weights ? weights[i]! : 1;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      const tw = uw[last]! + w;
      uy[last] = tw > 0 ? (uy[last]! * uw[last]! + y[i]! * w) / tw : uy[last]!;
      uw[last] = tw;
    } else {
      ux.push(x[i]!);
      uy.push(y[i]!);
      uw.push(w);
    }
  }
  // PAVA with a stack of blocks (value, weight, first index).
  const m = ux.length;
  const bv = new Float64Array(m);
  const bw = new Float64Array(m);
  const bs = new Int32Array(m);
  let top = -1;
  for (let i = 0; i < m; i++) {
    top++;
    bv[top] = uy[i]!;
    bw[top] = uw[i]!;
    bs[top] = i;
    while (top > 0 && bv[top - 1]! > bv[top]!) {
      const w = bw[top - 1]! + bw[top]!;
      bv[top - 1] = w > 0 ? (bv[top - 1]! * bw[top - 1]! + bv[top]! * bw[top]!) / w : bv[top]!;
      bw[top - 1] = w;
      top--;
    }
  }
  // Knots: the first and last x of each block (interior points of a flat block add nothing).
  const kx: number[] = [];
  const ky: number[] = [];
  for (let b = 0; b <= top; b++) {
    const first = bs[b]!;
    const last = b < top ? bs[b + 1]! - 1 : m - 1;
    kx.push(ux[first]!);
    ky.push(bv[b]!);
    if (last > first) {
      kx.push(ux[last]!);
      ky.push(bv[b]!);
    }
  }
  return { x: kx, y: ky };
}

/** Evaluate the fitted function (linear between knots, clamped outside). */
export function predictIsotonic(model: IsotonicModel, value: number): number {
  const { x, y } = model;
  const n = x.length;
  if (value <= x[0]!) return y[0]!;
  if (value >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= value) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!, x1 = x[hi]!;
  return x1 === x0 ? y[hi]! : y[lo]! + ((y[hi]! - y[lo]!) * (value - x0)) / (x1 - x0);
}

/** An isotonic model as tagged, versioned JSON text (the knots as they are: no rounding). */
export function serializeIsotonic(model: IsotonicModel): string {
  return JSON.stringify({ tag: ISOTONIC_TAG, version: ISOTONIC_VERSION, model });
}

/** Reads `serializeIsotonic`'s JSON (text or parsed); throws on a wrong tag or version or malformed knots. */
export function loadIsotonic(json: string | unknown): IsotonicModel {
  const doc = (typeof json === 'string' ? JSON.parse(json) : json) as { tag?: unknown; version?: unknown; model?: IsotonicModel } | null;
  if (!doc || doc.tag !== ISOTONIC_TAG) throw new Error(`isotonic: wrong model tag "${String(doc?.tag)}" (expected "${ISOTONIC_TAG}")`);
  if (doc.version !== ISOTONIC_VERSION) throw new Error(`isotonic: unsupported version ${String(doc.version)}`);
  const m = doc.model;
  if (!m || !Array.isArray(m.x) || !Array.isArray(m.y) || m.x.length !== m.y.length || m.x.length === 0)
    throw new Error('isotonic: model needs equal-length, non-empty x and y arrays');
  return m;
}
