/**
 * A discrete law over whole points for an NFL margin or total: the normal N(μ, σ²) integrated over each
 * point's unit interval, reweighted point by point by "key-number" weights and renormalised.
 *
 * Why: football scores move in 3s and 7s, so margins of 3, 7, 10, 6, 14 are far more frequent than a normal
 * says (2002–2018, 4,539 games: 15.1 % ended 3 apart against 5.3 % under N(spread, 13.4²), 0.2 % level against
 * 2.7 %; printed by bench/props/game-lines-study.ts). Those lumps
 * decide what a whole-number line pushes and how much half a point is worth — the price of −3 vs −3.5 — which a
 * continuous law cannot express. The weights are a function of |outcome| (a home win by 3 and a loss by 3 are
 * the same key), fitted by a fixed-point iteration whose solution balances, per |outcome| a, the law's expected
 * count E_a against the observed count O_a and a prior of weight 1: E_a − O_a = P·(1 − w_a) with P pseudo-games
 * (fitKeyWeights). A value seen in hundreds of games gets E_a ≈ O_a; one seen once or never stays near 1.
 */
import { normalCdf } from './normal.ts';

/** |outcome| values with their own weight; beyond this every weight is 1 (too few games to tell). */
export const KEY_RANGE = 60;
/** Pseudo-games of the prior toward weight 1, per |outcome| value. */
const PRIOR_COUNT = 10;
const MAX_ITERATIONS = 500;
/** Stop when no weight moves by more than this (relative). */
const TOLERANCE = 1e-7;
/** The law's support is μ ± max(85, 7σ) points (the normal's mass beyond 6σ is < 1e-8). */
const halfWidth = (sigma: number) => Math.max(85, Math.ceil(7 * sigma));

export interface DiscreteLaw {
  /** P(outcome = m) for a whole number m. */
  pmf(m: number): number;
  /** P(outcome > x). */
  above(x: number): number;
  /** E[outcome]. */
  mean: number;
}

/** The normal N(μ, σ²) integrated over each whole point's unit interval, on the law's support lo, lo + 1, … */
function normalMasses(mu: number, sigma: number): { lo: number; masses: Float64Array } {
  const half = halfWidth(sigma);
  const lo = Math.floor(mu) - half;
  const masses = new Float64Array(2 * half + 2);
  let prev = normalCdf((lo - 0.5 - mu) / sigma);
  for (let k = 0; k < masses.length; k++) {
    const next = normalCdf((lo + k + 0.5 - mu) / sigma);
    masses[k] = Math.max(0, next - prev);
    prev = next;
  }
  return { lo, masses };
}

/** Weights by |outcome| 0…KEY_RANGE; `null` = the plain discretised normal. */
export type KeyWeights = Float64Array | null;

/**
 * The law of a whole-point outcome (margin or total): a normal N(mu, sigma²) discretised to whole points, each
 * point's mass times its key-number weight (by |outcome|) and renormalised; `weights` null = the plain
 * discretised normal.
 */
export function discreteLaw(mu: number, sigma: number, weights: KeyWeights): DiscreteLaw {
  if (!(sigma > 0) || !Number.isFinite(mu)) throw new Error(`discrete law: needs a finite centre and σ > 0 (got ${mu}, ${sigma})`);
  const { lo, masses: p } = normalMasses(mu, sigma);
  const size = p.length;
  let total = 0;
  for (let k = 0; k < size; k++) {
    const a = Math.abs(lo + k);
    if (weights && a <= KEY_RANGE) p[k]! *= weights[a]!;
    total += p[k]!;
  }
  let mean = 0;
  for (let k = 0; k < size; k++) {
    p[k]! /= total;
    mean += (lo + k) * p[k]!;
  }
  // Upper tail sums: tail[k] = P(outcome ≥ lo + k).
  const tail = new Float64Array(size + 1);
  for (let k = size - 1; k >= 0; k--) tail[k] = tail[k + 1]! + p[k]!;
  return {
    pmf: (m) => (Number.isInteger(m) && m >= lo && m < lo + size ? p[m - lo]! : 0),
    above: (x) => {
      const k = Math.floor(x) + 1 - lo; // the smallest whole number > x
      return k <= 0 ? 1 : k >= size ? 0 : tail[k]!;
    },
    mean,
  };
}

/**
 * Fits key-number weights to training games: `y` the outcome, `mu` and `sigma` the centre and spread the law
 * will be used with. Each game's normal masses b_g(m) do not depend on the weights, so they are computed once;
 * with Z_g = Σ_m b_g(m)·w(|m|) the expected count of |outcome| a is E_a = Σ_g Σ_{|m|=a} b_g(m)·w_a / Z_g.
 * The update w_a ← (O_a + P) / (E_a / w_a + P) is the fixed point of E_a − O_a = P·(1 − w_a): a MAP-style
 * estimate that pulls weights with little evidence toward 1 (plain proportional scaling, w_a ← w_a·O_a/E_a,
 * gave a margin seen once in the 2008–2019 games weight 9.6 after 25 iterations, and unseen values drifted to 0).
 */
export function fitKeyWeights(games: ReadonlyArray<{ y: number; mu: number; sigma: number }>): Float64Array {
  const w = new Float64Array(KEY_RANGE + 1).fill(1);
  const observed = new Float64Array(KEY_RANGE + 1);
  for (const g of games) {
    const a = Math.abs(g.y);
    if (a <= KEY_RANGE) observed[a]! += 1;
  }
  // Per game: the support's first value and its normal masses (they do not depend on the weights).
  const starts = new Int32Array(games.length);
  const masses: Float64Array[] = games.map((g, i) => {
    if (!(g.sigma > 0) || !Number.isFinite(g.mu)) throw new Error(`key weights: needs a finite centre and σ > 0 (game ${i})`);
    const n = normalMasses(g.mu, g.sigma);
    starts[i] = n.lo;
    return n.masses;
  });
  const weightOf = (m: number) => {
    const a = Math.abs(m);
    return a <= KEY_RANGE ? w[a]! : 1;
  };
  const expectedPerWeight = new Float64Array(KEY_RANGE + 1);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    expectedPerWeight.fill(0);
    for (let i = 0; i < games.length; i++) {
      const b = masses[i]!, lo = starts[i]!;
      let z = 0;
      for (let k = 0; k < b.length; k++) z += b[k]! * weightOf(lo + k);
      for (let k = 0; k < b.length; k++) {
        const a = Math.abs(lo + k);
        if (a <= KEY_RANGE) expectedPerWeight[a]! += b[k]! / z;
      }
    }
    let change = 0;
    for (let a = 0; a <= KEY_RANGE; a++) {
      const next = (observed[a]! + PRIOR_COUNT) / (expectedPerWeight[a]! + PRIOR_COUNT);
      change = Math.max(change, Math.abs(next / w[a]! - 1));
      w[a] = next;
    }
    if (change < TOLERANCE) break;
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
  // P(above) − P(below) increases with μ. Key weights move the median by under a point near the middle of the
  // law, but far more near a hard edge (a total of 15), so the bracket widens until it holds the root.
  let lo = L - 6, hi = L + 6;
  while (imbalance(lo) > 0) {
    if (lo < L - 120) throw new Error(`centre for line ${L}: no centre balances the line`);
    lo -= 6;
  }
  while (imbalance(hi) < 0) {
    if (hi > L + 120) throw new Error(`centre for line ${L}: no centre balances the line`);
    hi += 6;
  }
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (imbalance(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
