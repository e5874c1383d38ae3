/**
 * Removing the bookmaker's margin ("vig") from decimal odds to get fair probabilities.
 *
 * Methods (see Štrumbelj 2014, "On determining probability forecasts from betting odds", IJF 30(4), and
 * Clarke, Kovalchik & Ingram 2017, "Adjusting bookmaker's odds to allow for overround"):
 *  - multiplicative: p = π / Σπ (normalisation)
 *  - additive:       p = π − (Σπ − 1)/n
 *  - power:          p = π^k with k such that Σ π^k = 1
 *  - shin:           Shin (1993) insider-trading model, solved for the insider share z
 *  - oddsRatio:      Cheung (2015): odds(π) = c·odds(p), c such that Σp = 1
 * where π = 1/odds are the implied probabilities. Guards: every price must be a finite number > 1, there must
 * be at least two, and the overround must not be negative (a negative margin means arbitrage or a stale or
 * mismatched set of prices — removing "vig" from it would be meaningless).
 */

export type VigMethod = 'multiplicative' | 'additive' | 'power' | 'shin' | 'oddsRatio';

/** Every vig-removal method `removeVig` accepts, in the order of the file comment. */
export const VIG_METHODS: readonly VigMethod[] = ['multiplicative', 'additive', 'power', 'shin', 'oddsRatio'];

/** Implied probabilities 1/odds, after validating the prices. */
export function impliedProbabilities(odds: ArrayLike<number | null | undefined>): Float64Array {
  if (odds.length < 2) throw new RangeError(`vig: need prices for at least two outcomes, got ${odds.length}`);
  const pi = new Float64Array(odds.length);
  for (let i = 0; i < odds.length; i++) {
    const o = odds[i];
    if (o === null || o === undefined || Number.isNaN(o)) throw new RangeError(`vig: missing price for outcome ${i}`);
    if (!Number.isFinite(o) || o <= 1) throw new RangeError(`vig: decimal odds must be finite and > 1, got ${o} for outcome ${i}`);
    pi[i] = 1 / o;
  }
  return pi;
}

/** The bookmaker's margin (overround): Σ 1/odds − 1. */
export function margin(odds: ArrayLike<number | null | undefined>): number {
  const pi = impliedProbabilities(odds);
  let s = 0;
  for (let i = 0; i < pi.length; i++) s += pi[i]!;
  return s - 1;
}

/** Fair probabilities from decimal odds by the chosen method (default multiplicative). */
export function removeVig(odds: ArrayLike<number | null | undefined>, method: VigMethod = 'multiplicative'): number[] {
  const pi = impliedProbabilities(odds);
  let booksum = 0;
  for (let i = 0; i < pi.length; i++) booksum += pi[i]!;
  const m = booksum - 1;
  if (m < -1e-12) throw new RangeError(`vig: the margin is negative (${m.toFixed(6)}): arbitrage or mismatched prices, not a bookmaker's book`);
  if (m <= 1e-12) return Array.from(pi, (p) => p / booksum);
  const n = pi.length;
  switch (method) {
    case 'multiplicative':
      return Array.from(pi, (p) => p / booksum);
    case 'additive': {
      const out = Array.from(pi, (p) => p - m / n);
      if (out.some((p) => p <= 0)) throw new RangeError('vig: additive removal gives a non-positive probability (a long shot priced below the margin share); use another method');
      return out;
    }
    case 'power': {
      // Σ π^k is decreasing in k; k = 1 gives booksum > 1, so the root is above 1.
      const k = solveMonotone((k) => sumMap(pi, (p) => p ** k) - 1, 1, 2);
      return Array.from(pi, (p) => p ** k);
    }
    case 'shin': {
      const shin = (z: number) => Array.from(pi, (p) => (Math.sqrt(z * z + (4 * (1 - z) * p * p) / booksum) - z) / (2 * (1 - z)));
      // Σ p(z) decreases from √booksum > 1 at z = 0 to below 1 as z → 1; find the root in [0, 1).
      const z = solveMonotone((z) => shin(z).reduce((a, b) => a + b, 0) - 1, 0, 0.5, 0.999999);
      return shin(z);
    }
    case 'oddsRatio': {
      const f = (c: number) => (p: number) => p / (c + p - c * p);
      const c = solveMonotone((c) => sumMap(pi, f(c)) - 1, 1, 2);
      return Array.from(pi, f(c));
    }
    default:
      throw new RangeError(`vig: unknown method "${String(method)}"`);
  }
}

function sumMap(v: Float64Array, fn: (p: number) => number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += fn(v[i]!);
  return s;
}

/**
 * Root of g on [lo, ∞) (or [lo, cap]) where g(lo) > 0 and g decreases: expand the bracket, then bisect to
 * machine precision. Bisection is slower than Newton but cannot fail on these smooth, monotone sums.
 */
function solveMonotone(g: (x: number) => number, lo: number, hi: number, cap = Infinity): number {
  let h = Math.min(hi, cap);
  while (g(h) > 0) {
    if (h >= cap) throw new RangeError('vig: no solution within bounds');
    lo = h;
    h = Math.min(h * 2, cap);
  }
  let l = lo;
  for (let i = 0; i < 200 && h - l > 1e-15 * Math.max(1, h); i++) {
    const mid = 0.5 * (l + h);
    if (g(mid) > 0) l = mid;
    else h = mid;
  }
  return 0.5 * (l + h);
}
