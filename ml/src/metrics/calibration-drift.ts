/**
 * Calibration drift of settled forecasts over a rolling window: the mean multi-class Brier score (Brier 1950) and the
 * expected calibration error, one-vs-rest pooled over the classes (reliability.ts), judged against what a perfectly
 * calibrated forecaster with these same probabilities would show at this sample size: outcomes are drawn from the
 * forecasts themselves (one class per forecast, as a match has one result) `sims` times and the pooled ECE of each
 * draw recorded. ECE is biased upward and noisy in small samples, so a fixed threshold would cry wolf on a quiet
 * week and sleep through a busy one; this is a test of "calibrated" at the sample the window has.
 *
 * Levels: `warn` when ECE is above the 95th percentile of the calibrated forecaster's, `alert` above its 99th
 * (a false warning one week in twenty, a false alert one in a hundred, whatever the sample size); and, when the
 * version's training-time Brier score is known, `warn` / `alert` when the live Brier is 5 % / 10 % worse than it (the
 * gap between a sharp and a naive 1X2 forecaster is about 10 % of Brier, so 10 % worse is the model's whole edge).
 */
import { meanBrier } from './scoring-rules.ts';
import { expectedCalibrationError } from './reliability.ts';
import type { DriftLevel } from './psi.ts';

/** The thresholds of the file comment: ECE's quantiles under calibration, Brier as a ratio to training's. */
export const CALIBRATION_THRESHOLDS = { eceQuantile: { warn: 0.95, alert: 0.99 }, brierOverBaseline: { warn: 1.05, alert: 1.1 } } as const;

/** Calibration of a window of settled forecasts. */
export interface CalibrationDrift {
  /** Forecasts (e.g. matches) settled in the window. */
  n: number;
  /** Mean multi-class Brier score. */
  brier: number;
  /** ECE over 10 equal-width bins, one-vs-rest pooled over the classes. */
  ece: number;
  /** ECE's sampling floor: its mean for a calibrated forecaster with these probabilities (seeded: reproducible). */
  eceFloor: number;
  /** The 95th and 99th percentiles of that calibrated forecaster's ECE: the warn and alert thresholds. */
  eceWarn: number;
  eceAlert: number;
  level: DriftLevel;
}

const worse = (a: DriftLevel, b: DriftLevel): DriftLevel => (a === 'alert' || b === 'alert' ? 'alert' : a === 'warn' || b === 'warn' ? 'warn' : 'ok');

/** Pooled one-vs-rest ECE of forecasts `probs` (flattened, K per forecast) against class indices `outcomes`. */
function pooledEce(flat: Float64Array, k: number, outcomes: ArrayLike<number>, y: Float64Array): number {
  y.fill(0);
  for (let i = 0; i < outcomes.length; i++) y[i * k + outcomes[i]!] = 1;
  return expectedCalibrationError(flat, y);
}

/**
 * Calibration drift of `probs` (one probability vector per forecast, all of the same length) against the observed
 * class indices, with the level of the file comment; `baselineBrier` is the version's training-time Brier score when
 * known; `sims` draws of a calibrated forecaster's outcomes (seeded by `seed`).
 */
export function calibrationDrift(probs: readonly ArrayLike<number>[], outcomes: ArrayLike<number>, baselineBrier?: number | null, sims = 400, seed = 12345): CalibrationDrift {
  const brier = meanBrier(probs, outcomes);
  const k = probs[0]!.length;
  const flat = new Float64Array(probs.length * k);
  probs.forEach((p, i) => {
    if (p.length !== k) throw new RangeError('calibration drift: forecasts of different lengths');
    for (let c = 0; c < k; c++) flat[i * k + c] = p[c]!;
  });
  const y = new Float64Array(flat.length);
  const ece = pooledEce(flat, k, outcomes, y);
  let state = seed >>> 0;
  const u = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const drawn = new Int32Array(probs.length);
  const null_ = new Float64Array(sims);
  for (let s = 0; s < sims; s++) {
    for (let i = 0; i < probs.length; i++) {
      // One class per forecast, drawn from the forecast itself (inverse CDF).
      let r = u();
      let c = 0;
      while (c < k - 1 && r >= flat[i * k + c]!) r -= flat[i * k + c++]!;
      drawn[i] = c;
    }
    null_[s] = pooledEce(flat, k, drawn, y);
  }
  null_.sort();
  const q = (p: number) => null_[Math.min(sims - 1, Math.floor(p * sims))]!;
  const eceFloor = null_.reduce((a, b) => a + b, 0) / sims;
  const t = CALIBRATION_THRESHOLDS;
  const eceWarn = q(t.eceQuantile.warn);
  const eceAlert = q(t.eceQuantile.alert);
  const byEce: DriftLevel = ece > eceAlert ? 'alert' : ece > eceWarn ? 'warn' : 'ok';
  let byBrier: DriftLevel = 'ok';
  if (baselineBrier !== undefined && baselineBrier !== null && baselineBrier > 0) {
    const r = brier / baselineBrier;
    byBrier = r > t.brierOverBaseline.alert ? 'alert' : r > t.brierOverBaseline.warn ? 'warn' : 'ok';
  }
  return { n: probs.length, brier, ece, eceFloor, eceWarn, eceAlert, level: worse(byEce, byBrier) };
}
