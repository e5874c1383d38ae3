/**
 * A location–scale predictive distribution with an empirical shape (a "residual-scale model"; cf. the
 * empirical-residual intervals of Lei et al., "Distribution-Free Predictive Inference for Regression",
 * JASA 2018, with a heteroscedastic scale): Y = μ + s(μ)·E, where μ is the GBDT centre, s(μ) = exp(a + b·ln μ)
 * a scale fitted by least squares of ln(mean |residual|) on ln μ over bins of μ, and E the empirical distribution of the standardised
 * out-of-sample residuals (y − μ)/s(μ), stored as K quantiles with K = n / `ROWS_PER_KNOT` (clamped to
 * [`MIN_KNOTS`, `MAX_KNOTS`]): enough knots for the shape, few enough that the implied density between knots is
 * not sampling noise (which would cost log score).
 *
 * Why this and not a parametric family: yards are right-skewed with a long tail and can be negative
 * (rushing), and receptions given a good centre are closer to binomial than to Poisson (under-dispersed), so
 * neither a normal nor a negative binomial fits every market; the empirical shape does, and because it is
 * fitted on out-of-sample residuals of the training period its 10–90% interval covers ≈ 80% on later seasons.
 * Measured on walk-forward folds inside the training seasons (bench/props/distributions.ts, figures in
 * bench/props/README.md): best or near-best log score in every market but passing yards, and the only candidate
 * (vs normal, scaled normal, negative binomial) whose coverage80 is near 0.80 in all of them.
 *
 * For integer-valued outcomes (counts, and yards, which are settled in whole yards) the continuous law stands
 * for Y smeared over [k − ½, k + ½]: P(Y ≤ k) = F(k + ½), so P(Y > L) = 1 − F(⌊L⌋ + ½) — the continuity
 * correction. `discrete` (counts) additionally makes the median an integer.
 */

/** Tag of a scaled-residual law inside a prop-model artifact (the `distribution` field). */
export const SCALED_RESIDUAL_TAG = 'fairline.props.scaled-residual';
/** Most quantile knots stored for the standardised-residual shape. */
export const MAX_KNOTS = 201;
/** Fewest quantile knots stored, however few the out-of-sample rows. */
export const MIN_KNOTS = 21;
/** Out-of-sample rows per quantile knot (K = n / 25, clamped to [MIN_KNOTS, MAX_KNOTS]). */
export const ROWS_PER_KNOT = 25;
/** ln μ is floored here so tiny centres do not produce a vanishing scale. */
const MIN_CENTRE = 1;
/** Bins of μ for the scale regression. */
const SCALE_BINS = 20;

export interface ScaledResidual {
  tag: typeof SCALED_RESIDUAL_TAG;
  /** Scale model s(μ) = exp(a + b·ln max(μ, 1)). */
  a: number;
  b: number;
  /** Quantiles of the standardised residual at probabilities (k + ½)/K, K = quantiles.length, non-decreasing. */
  quantiles: number[];
  /** Count outcomes: integer median (and whole units). */
  discrete: boolean;
  /** Whole-number outcomes: P(over) uses the continuity correction above. */
  wholeUnits: boolean;
}

/** The scale s(μ) = exp(a + b·ln max(μ, 1)) of the law at centre μ, in the outcome's units. */
export function scaleAt(d: ScaledResidual, mu: number): number {
  return Math.exp(d.a + d.b * Math.log(Math.max(mu, MIN_CENTRE)));
}

/** Fit on out-of-sample centres μ and outcomes y. */
export function fitScaledResidual(mu: ArrayLike<number>, y: ArrayLike<number>, discrete: boolean, wholeUnits = discrete): ScaledResidual {
  const n = mu.length;
  if (n < 50) throw new RangeError(`scaled residual: need ≥ 50 out-of-sample rows, got ${n}`);
  // Scale: OLS of ln(mean |r|) on ln(mean μ) over `SCALE_BINS` equal-count bins of μ (binning first keeps
  // exact hits, r = 0, which are common for counts, from dominating a log regression).
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => mu[p]! - mu[q]!);
  const bins = Math.min(SCALE_BINS, Math.floor(n / 25));
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins), to = Math.floor(((b + 1) * n) / bins);
    let m = 0, r = 0;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      m += Math.log(Math.max(mu[i]!, MIN_CENTRE));
      r += Math.abs(y[i]! - mu[i]!);
    }
    const x = m / (to - from);
    const v = Math.log(Math.max(r / (to - from), 1e-9));
    sx += x; sy += v; sxx += x * x; sxy += x * v;
  }
  const vx = sxx / bins - (sx / bins) ** 2;
  const b = vx > 1e-9 ? Math.min(1.5, Math.max(0, (sxy / bins - (sx / bins) * (sy / bins)) / vx)) : 0;
  const a = sy / bins - b * (sx / bins);
  const z = new Float64Array(n);
  const d: ScaledResidual = { tag: SCALED_RESIDUAL_TAG, a, b, quantiles: [], discrete, wholeUnits: discrete || wholeUnits };
  for (let i = 0; i < n; i++) z[i] = (y[i]! - mu[i]!) / scaleAt(d, mu[i]!);
  z.sort();
  const K = Math.max(MIN_KNOTS, Math.min(MAX_KNOTS, Math.floor(n / ROWS_PER_KNOT)));
  for (let k = 0; k < K; k++) {
    const pos = ((k + 0.5) / K) * n - 0.5;
    const lo = Math.max(0, Math.min(n - 1, Math.floor(pos)));
    const hi = Math.min(n - 1, lo + 1);
    const f = Math.max(0, Math.min(1, pos - lo));
    d.quantiles.push(z[lo]! + f * (z[hi]! - z[lo]!));
  }
  return d;
}

/**
 * Exponential tail scale beyond the outermost knot, fitted through the outer knot and the one near the 5%
 * (95%) level: if F(z) = F₀·e^{(z − q₀)/τ} below q₀, then τ = (q_m − q₀) / ln(2m + 1). Without a tail every
 * outcome beyond the outermost knot would get zero probability (an infinite log score).
 */
function tailScales(q: readonly number[]): { lo: number; hi: number } {
  const K = q.length;
  const m = Math.max(1, Math.round(K / 20));
  const ln = Math.log(2 * m + 1);
  return { lo: Math.max((q[m]! - q[0]!) / ln, 1e-9), hi: Math.max((q[K - 1]! - q[K - 1 - m]!) / ln, 1e-9) };
}

/** Standardised-residual CDF: linear between knots, exponential tails outside them. */
function residualCdf(q: readonly number[], z: number): number {
  const K = q.length;
  if (z <= q[0]! || z >= q[K - 1]!) {
    const t = tailScales(q);
    return z <= q[0]! ? (0.5 / K) * Math.exp((z - q[0]!) / t.lo) : 1 - (0.5 / K) * Math.exp(-(z - q[K - 1]!) / t.hi);
  }
  let lo = 0, hi = K - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (q[mid]! <= z) lo = mid;
    else hi = mid;
  }
  const w = q[hi]! > q[lo]! ? (z - q[lo]!) / (q[hi]! - q[lo]!) : 0;
  return (lo + 0.5 + w) / K;
}

function residualQuantile(q: readonly number[], p: number): number {
  const K = q.length;
  const pos = p * K - 0.5;
  if (pos <= 0 || pos >= K - 1) {
    const t = tailScales(q);
    return pos <= 0 ? q[0]! + t.lo * Math.log(Math.max(p, 1e-300) * 2 * K) : q[K - 1]! - t.hi * Math.log(Math.max(1 - p, 1e-300) * 2 * K);
  }
  const lo = Math.floor(pos);
  return q[lo]! + (pos - lo) * (q[lo + 1]! - q[lo]!);
}

/** P(Y ≤ x) of the continuous law (no continuity correction). */
export function cdf(d: ScaledResidual, mu: number, x: number): number {
  return residualCdf(d.quantiles, (x - mu) / scaleAt(d, mu));
}

/** P(Y > line): for whole-number outcomes, Y > L ⇔ Y ≥ ⌊L⌋ + 1, i.e. 1 − F(⌊L⌋ + ½). */
export function probOver(d: ScaledResidual, mu: number, line: number): number {
  const x = d.wholeUnits ? Math.floor(line) + 0.5 : line;
  return 1 - cdf(d, mu, x);
}

/** The p-quantile of the continuous law. */
export function quantile(d: ScaledResidual, mu: number, p: number): number {
  return mu + scaleAt(d, mu) * residualQuantile(d.quantiles, p);
}

/** The median, an integer for counts (the smallest k with P(Y ≤ k) ≥ ½): the MAE-optimal point forecast. */
export function median(d: ScaledResidual, mu: number): number {
  const m = quantile(d, mu, 0.5);
  return d.discrete ? Math.max(0, Math.ceil(m - 0.5)) : m;
}
