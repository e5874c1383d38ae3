/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization 2nd ed., Alg. 7.4 two-loop recursion) with a
 * line search satisfying the strong Wolfe conditions (Alg. 3.5 bracketing + Alg. 3.6 zoom, cubic
 * interpolation with bisection safeguard).
 *
 * Constraints: the objective may return +Infinity (or NaN) for infeasible points; the line search treats such a
 * step as "too long" and shrinks it, so a model can keep a parameter inside its feasible region (e.g. the
 * Dixon–Coles ρ, whose valid range depends on the fitted rates) without a projection step.
 */

/** Objective: writes ∇f(x) into `grad` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept (m). Default 10. */
  memory?: number;
  /** Stop when ‖∇f‖∞ ≤ gradientTolerance. Default 1e-6. */
  gradientTolerance?: number;
  /** Stop when the relative decrease of f over one iteration is below this. Default 1e-12. */
  relativeTolerance?: number;
  /** Default 500. */
  maxIterations?: number;
  /** Cap on objective evaluations. Default 20 × maxIterations. */
  maxEvaluations?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
}

const C1 = 1e-4;
const C2 = 0.9;

/** Minimise f from x0 (not modified). */
export function minimizeLbfgs(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const gtol = options.gradientTolerance ?? 1e-6;
  const rtol = options.relativeTolerance ?? 1e-12;
  const maxIter = options.maxIterations ?? 500;
  const maxEval = options.maxEvaluations ?? 20 * maxIter;

  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let evaluations = 1;
  let f = fg(x, g);
  if (!Number.isFinite(f)) throw new Error('L-BFGS: the objective is not finite at the starting point');

  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphaK = new Float64Array(m);
  let stored = 0;
  let head = 0; // index of the next slot to write

  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  // Scratch for the line search's trial points.
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);

  let iterations = 0;
  let message = 'maximum iterations reached';
  let converged = false;

  if (normInf(g) <= gtol) return { x, f, gradient: g, iterations: 0, evaluations, converged: true, message: 'gradient below tolerance at start' };

  while (iterations < maxIter) {
    // Two-loop recursion: d = −H∇f.
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    for (let k = 0; k < stored; k++) {
      const j = (head - 1 - k + m) % m;
      const a = rho[j]! * dot(S[j]!, d);
      alphaK[j] = a;
      axpy(-a, Y[j]!, d);
    }
    if (stored > 0) {
      const j = (head - 1 + m) % m;
      const gamma = dot(S[j]!, Y[j]!) / dot(Y[j]!, Y[j]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      // First step: scale so the initial trial moves at most ~1 unit in the largest coordinate.
      const s = 1 / Math.max(1, normInf(d));
      for (let i = 0; i < n; i++) d[i]! *= s;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const j = (head - 1 - k + m) % m;
      const b = rho[j]! * dot(Y[j]!, d);
      axpy(alphaK[j]! - b, S[j]!, d);
    }
    let dg = dot(d, g);
    if (!(dg < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      const s = 1 / Math.max(1, normInf(d));
      for (let i = 0; i < n; i++) d[i]! *= s;
      dg = dot(d, g);
    }

    const ls = wolfeLineSearch(fg, x, f, d, dg, xNew, gNew, xt, gt, maxEval - evaluations);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      message = ls.message;
      // A failed search near the optimum is normal at machine precision; accept if the gradient is small.
      converged = normInf(g) <= Math.max(gtol, 1e-5);
      break;
    }
    iterations++;
    const fOld = f;
    f = ls.f;
    // Store the correction pair s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k.
    const s = S[head]!;
    const y = Y[head]!;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    x.set(xNew);
    g.set(gNew);
    if (normInf(g) <= gtol) {
      converged = true;
      message = 'gradient below tolerance';
      break;
    }
    if (Math.abs(fOld - f) <= rtol * Math.max(1, Math.abs(f))) {
      converged = true;
      message = 'relative decrease below tolerance';
      break;
    }
    if (evaluations >= maxEval) {
      message = 'maximum evaluations reached';
      break;
    }
  }
  return { x, f, gradient: g, iterations, evaluations, converged, message };
}

interface LineSearchResult {
  ok: boolean;
  f: number;
  evaluations: number;
  message: string;
}

/** Strong-Wolfe line search along d from x; on success xNew/gNew hold the accepted point. */
function wolfeLineSearch(
  fg: ObjectiveWithGradient,
  x: Float64Array,
  f0: number,
  d: Float64Array,
  dg0: number,
  xNew: Float64Array,
  gNew: Float64Array,
  xt: Float64Array,
  gt: Float64Array,
  budget: number,
): LineSearchResult {
  let evaluations = 0;
  const phi = (alpha: number): { f: number; dg: number } => {
    for (let i = 0; i < x.length; i++) xt[i] = x[i]! + alpha * d[i]!;
    evaluations++;
    const fv = fg(xt, gt);
    return { f: Number.isFinite(fv) ? fv : Infinity, dg: dot(gt, d) };
  };
  const accept = (fv: number): LineSearchResult => {
    xNew.set(xt);
    gNew.set(gt);
    return { ok: true, f: fv, evaluations, message: 'ok' };
  };

  let aPrev = 0;
  let fPrev = f0;
  let dgPrev = dg0;
  let a = 1;
  const aMax = 1e10;
  for (let i = 0; evaluations < budget; i++) {
    const { f: fa, dg: dga } = phi(a);
    if (fa > f0 + C1 * a * dg0 || (i > 0 && fa >= fPrev)) {
      return zoom(aPrev, fPrev, dgPrev, a, fa, dga);
    }
    if (Math.abs(dga) <= -C2 * dg0) return accept(fa);
    if (dga >= 0) return zoom(a, fa, dga, aPrev, fPrev, dgPrev);
    aPrev = a;
    fPrev = fa;
    dgPrev = dga;
    a = Math.min(2 * a, aMax);
  }
  return { ok: false, f: f0, evaluations, message: 'line search: evaluation budget exhausted' };

  function zoom(lo: number, fLo: number, dgLo: number, hi: number, fHi: number, dgHi: number): LineSearchResult {
    for (let k = 0; k < 40 && evaluations < budget; k++) {
      let aj = cubicMinimizer(lo, fLo, dgLo, hi, fHi, dgHi);
      const left = Math.min(lo, hi);
      const width = Math.abs(hi - lo);
      // Safeguard: stay well inside the bracket, else bisect.
      if (!Number.isFinite(aj) || aj < left + 0.1 * width || aj > left + 0.9 * width) aj = 0.5 * (lo + hi);
      const { f: fj, dg: dgj } = phi(aj);
      if (fj > f0 + C1 * aj * dg0 || fj >= fLo) {
        hi = aj;
        fHi = fj;
        dgHi = dgj;
      } else {
        if (Math.abs(dgj) <= -C2 * dg0) return accept(fj);
        if (dgj * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          dgHi = dgLo;
        }
        lo = aj;
        fLo = fj;
        dgLo = dgj;
      }
      if (width < 1e-16) break;
    }
    // Accept the best sufficient-decrease point found, if any (weak Wolfe), rather than failing outright.
    if (lo > 0 && fLo < f0) {
      phi(lo);
      return accept(fLo);
    }
    return { ok: false, f: f0, evaluations, message: 'line search: no acceptable step (converged to precision)' };
  }
}

/** Minimiser of the cubic interpolating (a, fa, ga) and (b, fb, gb) (Nocedal & Wright eq. 3.59). */
function cubicMinimizer(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  if (!Number.isFinite(fa) || !Number.isFinite(fb)) return NaN;
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(alpha: number, xv: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += alpha * xv[i]!;
}

function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}
