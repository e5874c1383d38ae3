/**
 * A discrete law over whole points for an NFL margin or total: the normal N(μ, σ²) integrated over each
 * point's unit interval, reweighted point by point by "key-number" weights and renormalised.
 *
 * Why: football scores move in 3s and 7s, so margins of 3, 7, 10, 6, 14 are far more frequent than a normal
 * says (about 15 % of games end 3 apart, against ~6 % under N(spread, 13.5²)) and a tie is rarer. Those lumps
 * decide what a whole-number line pushes and how much half a point is worth — the price of −3 vs −3.5 — which a
 * continuous law cannot express. The weights are a function of |outcome| (a home win by 3 and a loss by 3 are
 * the same key), fitted by iterative proportional scaling so that, summed over the training games, the law's
 * expected count of each |outcome| matches the observed count (with a pseudo-count pulling rare values to 1).
 */
import { normalCdf } from './normal.ts';

/** |outcome| values with their own weight; beyond this every weight is 1 (too few games to tell). */
export const KEY_RANGE = 60;
/** Pseudo-count of the shrinkage toward weight 1, per |outcome| value. */
const PRIOR_COUNT = 10;
const ITERATIONS = 25;
/** The law's support is μ ± this many points (P beyond it < 1e-7 at σ ≤ 15). */
const HALF_WIDTH = 85;

export interface DiscreteLaw {
  /** P(outcome = m) for a whole number m. */
  pmf(m: number): number;
  /** P(outcome > x). */
  above(x: number): number;
}

/** Weights by |outcome| 0…KEY_RANGE; `null` = the plain discretised normal. */
export type KeyWeights = Float64Array | null;

export function discreteLaw(mu: number, sigma: number, weights: KeyWeights): DiscreteLaw {
  if (!(sigma > 0) || !Number.isFinite(mu)) throw new Error(`discrete law: needs a finite centre and σ > 0 (got ${mu}, ${sigma})`);
  const lo = Math.floor(mu) - HALF_WIDTH;
  const size = 2 * HALF_WIDTH + 2;
  const p = new Float64Array(size);
  let total = 0;
  let prev = normalCdf((lo - 0.5 - mu) / sigma);
  for (let k = 0; k < size; k++) {
    const m = lo + k;
    const next = normalCdf((m + 0.5 - mu) / sigma);
    const a = Math.abs(m);
    const w = weights && a <= KEY_RANGE ? weights[a]! : 1;
    p[k] = Math.max(0, next - prev) * w;
    total += p[k]!;
    prev = next;
  }
  for (let k = 0; k < size; k++) p[k]! /= total;
  // Upper tail sums: tail[k] = P(outcome ≥ lo + k).
  const tail = new Float64Array(size + 1);
  for (let k = size - 1; k >= 0; k--) tail[k] = tail[k + 1]! + p[k]!;
  return {
    pmf: (m) => (Number.isInteger(m) && m >= lo && m < lo + size ? p[m - lo]! : 0),
    above: (x) => {
      const k = Math.floor(x) + 1 - lo; // the smallest whole number > x
      return k <= 0 ? 1 : k >= size ? 0 : tail[k]!;
    },
  };
}

/**
 * Fits key-number weights to training games: `y` the outcome, `mu` and `sigma` the centre and spread the law
 * will be used with. Iterative proportional scaling of the weights toward observed/expected counts per |y|.
 */
export function fitKeyWeights(games: ReadonlyArray<{ y: number; mu: number; sigma: number }>): Float64Array {
  const w = new Float64Array(KEY_RANGE + 1).fill(1);
  const observed = new Float64Array(KEY_RANGE + 1);
  for (const g of games) {
    const a = Math.abs(g.y);
    if (a <= KEY_RANGE) observed[a]! += 1;
  }
  for (let it = 0; it < ITERATIONS; it++) {
    const expected = new Float64Array(KEY_RANGE + 1);
    for (const g of games) {
      const law = discreteLaw(g.mu, g.sigma, w);
      const c = Math.round(g.mu);
      // Only values within reach carry mass worth counting (|m − μ| ≤ 6σ).
      const reach = Math.ceil(6 * g.sigma);
      for (let m = c - reach; m <= c + reach; m++) {
        const a = Math.abs(m);
        if (a <= KEY_RANGE) expected[a]! += law.pmf(m);
      }
    }
    for (let a = 0; a <= KEY_RANGE; a++) w[a] = w[a]! * ((observed[a]! + PRIOR_COUNT) / (expected[a]! + PRIOR_COUNT));
  }
  return w;
}

/**
 * The centre μ at which the key-number law splits the non-push outcomes of line `L` evenly:
 * P(outcome > L) = P(outcome < L). A market line is set where both sides attract equal money, i.e. it is the
 * market's median, not its mean; with lumpy whole-point weights the two differ (a spread of 3 has far more
 * mass just above it, at 7, than just below, at 0), so the centre is solved for rather than taken as L.
 */
export function centreForLine(L: number, sigma: number, weights: KeyWeights): number {
  const imbalance = (mu: number) => {
    const law = discreteLaw(mu, sigma, weights);
    const push = Number.isInteger(L) ? law.pmf(L) : 0;
    return law.above(L) - (1 - push - law.above(L));
  };
  // P(above) − P(below) increases with μ; bisection on [L − 6, L + 6] (key weights shift it by < 1 point).
  let lo = L - 6, hi = L + 6;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (imbalance(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
