/**
 * Isotonic calibration of P(over) (Zadrozny & Elkan 2002) with a shrinkage prior toward the uncalibrated
 * probability: every out-of-sample row enters twice at its raw p — once with its outcome (weight 1) and once
 * with the raw p itself (weight `priorWeight`). PAVA therefore fits the non-decreasing map to
 * (y + w·p)/(1 + w). Plain isotonic regression (w = 0) puts whole blocks at exactly 0 or 1 at the ends of the
 * range when a few hundred rows decide them, which makes log loss explode on the rare miss; the prior keeps
 * the map inside (0, 1) and costs little calibration where data are plentiful.
 */
import { fitIsotonic, predictIsotonic, type IsotonicModel } from '../../calibration/index.ts';

/**
 * Fits the isotonic P(over) calibration on raw probabilities `p` and outcomes `y` (0/1), each row also entered at
 * its raw p with weight `priorWeight` (0 = plain isotonic regression).
 */
export function fitOverCalibration(p: ArrayLike<number>, y: ArrayLike<number>, priorWeight: number): IsotonicModel {
  const n = p.length;
  if (priorWeight === 0) return fitIsotonic(p, y);
  const x = new Float64Array(2 * n), t = new Float64Array(2 * n), w = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[i] = p[i]!;
    t[i] = y[i]!;
    w[i] = 1;
    x[n + i] = p[i]!;
    t[n + i] = p[i]!;
    w[n + i] = priorWeight;
  }
  return fitIsotonic(x, t, w);
}

/** Calibrated P(over) for a raw probability, kept inside [1e-6, 1 − 1e-6] so a price and a log loss stay finite. */
export function applyOverCalibration(model: IsotonicModel, p: number): number {
  return Math.min(1 - 1e-6, Math.max(1e-6, predictIsotonic(model, p)));
}
