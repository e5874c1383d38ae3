/**
 * Poisson distribution in log space: ln P(K = k) = k ln λ − λ − ln k!  (e.g. Johnson, Kemp & Kotz,
 * Univariate Discrete Distributions, ch. 4). Working in logs avoids overflow of λ^k and k! for large k.
 */
import { logFactorial } from './log-gamma.ts';

/** ln P(K = k) for K ~ Poisson(λ), λ ≥ 0, k a non-negative integer. */
export function poissonLogPmf(k: number, lambda: number): number {
  if (!(lambda >= 0)) throw new RangeError(`poissonLogPmf: λ must be ≥ 0, got ${lambda}`);
  if (!Number.isInteger(k) || k < 0) return -Infinity;
  if (lambda === 0) return k === 0 ? 0 : -Infinity;
  return k * Math.log(lambda) - lambda - logFactorial(k);
}

/** P(K = k) for K ~ Poisson(λ). */
export function poissonPmf(k: number, lambda: number): number {
  return Math.exp(poissonLogPmf(k, lambda));
}

/**
 * P(K = 0..maxGoals) into `out` by the recurrence p(k) = p(k−1)·λ/k — exact to rounding and much cheaper
 * than one exp per cell, which matters when a score grid is built per prediction.
 */
export function poissonPmfVector(lambda: number, maxGoals: number, out = new Float64Array(maxGoals + 1)): Float64Array {
  if (!(lambda >= 0)) throw new RangeError(`poissonPmfVector: λ must be ≥ 0, got ${lambda}`);
  let p = Math.exp(-lambda);
  out[0] = p;
  for (let k = 1; k <= maxGoals; k++) {
    p *= lambda / k;
    out[k] = p;
  }
  return out;
}
