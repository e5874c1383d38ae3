/**
 * Box constraints for an unconstrained optimiser by reparametrisation (e.g. Nocedal & Wright §17 notes;
 * the standard "transform to an unbounded variable" trick used by Stan and many MLE codes):
 *   both bounds:  x = lo + (hi − lo)·σ(z)      one bound: x = lo + eᶻ  or  x = hi − eᶻ      none: x = z
 * The optimiser works on z; the chain rule maps ∇ₓf to ∇_z f. Bounds are therefore never touched exactly:
 * an optimum on a bound is approached asymptotically.
 */
import { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type ObjectiveWithGradient } from './lbfgs.ts';

export interface Bounds {
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/** Minimise f subject to lower ≤ x ≤ upper (±Infinity for an open side) with L-BFGS on transformed variables. */
export function minimizeLbfgsBounded(fg: ObjectiveWithGradient, x0: ArrayLike<number>, bounds: Bounds, options: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  const lo = Float64Array.from({ length: n }, (_, i) => bounds.lower?.[i] ?? -Infinity);
  const hi = Float64Array.from({ length: n }, (_, i) => bounds.upper?.[i] ?? Infinity);
  for (let i = 0; i < n; i++) {
    if (!(lo[i]! < hi[i]!)) throw new RangeError(`bounds: lower must be < upper for parameter ${i}`);
    if (!(x0[i]! > lo[i]! && x0[i]! < hi[i]!)) throw new RangeError(`bounds: start value of parameter ${i} must lie strictly inside its bounds`);
  }
  const toX = (z: ArrayLike<number>, x: Float64Array, dxdz: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const l = lo[i]!, h = hi[i]!, zi = z[i]!;
      if (Number.isFinite(l) && Number.isFinite(h)) {
        const s = 1 / (1 + Math.exp(-zi));
        x[i] = l + (h - l) * s;
        dxdz[i] = (h - l) * s * (1 - s);
      } else if (Number.isFinite(l)) {
        const e = Math.exp(zi);
        x[i] = l + e;
        dxdz[i] = e;
      } else if (Number.isFinite(h)) {
        const e = Math.exp(zi);
        x[i] = h - e;
        dxdz[i] = -e;
      } else {
        x[i] = zi;
        dxdz[i] = 1;
      }
    }
  };
  const z0 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!, h = hi[i]!, v = x0[i]!;
    if (Number.isFinite(l) && Number.isFinite(h)) {
      const s = (v - l) / (h - l);
      z0[i] = Math.log(s / (1 - s));
    } else if (Number.isFinite(l)) z0[i] = Math.log(v - l);
    else if (Number.isFinite(h)) z0[i] = Math.log(h - v);
    else z0[i] = v;
  }
  const x = new Float64Array(n);
  const dxdz = new Float64Array(n);
  const res = minimizeLbfgs(
    (z, g) => {
      toX(z, x, dxdz);
      const f = fg(x, g);
      for (let i = 0; i < n; i++) g[i] = g[i]! * dxdz[i]!;
      return f;
    },
    z0,
    options,
  );
  const xOut = new Float64Array(n);
  const gOut = new Float64Array(n);
  toX(res.x, xOut, dxdz);
  fg(xOut, gOut);
  return { ...res, x: xOut, gradient: gOut };
}
