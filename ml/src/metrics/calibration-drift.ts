/**
 * Calibration drift of settled forecasts over a rolling window: the mean multi-class Brier score (Brier 1950) and the
 * expected calibration error, one-vs-rest pooled over the classes (reliability.ts), beside ECE's sampling floor —
 * what a perfectly calibrated forecaster with these same probabilities would show at this sample size (ECE is
 * biased upward in small samples, so a fixed ECE threshold would cry wolf on a quiet week and sleep through a
 * busy one).
 *
 * Levels: `warn` when ECE exceeds 1.5 × its floor, `alert` at 2 × (a calibrated model sits near 1 ×; a miscalibration
 * of a few percentage points doubles the floor at the few hundred forecasts a week brings), and, when the version's
 * training-time Brier score is known, `warn` / `alert` when the live Brier is 5 % / 10 % worse than it (the gap
 * between a sharp and a naive 1X2 forecaster is about 10 % of Brier, so 10 % worse is the model's whole edge gone).
 */
import { meanBrier } from './scoring-rules.ts';
import { eceSamplingFloor, expectedCalibrationError } from './reliability.ts';
import type { DriftLevel } from './psi.ts';

/** The thresholds of the file comment: ECE as a multiple of its sampling floor, Brier as a ratio to training's. */
export const CALIBRATION_THRESHOLDS = { eceOverFloor: { warn: 1.5, alert: 2 }, brierOverBaseline: { warn: 1.05, alert: 1.1 } } as const;

/** Calibration of a window of settled forecasts. */
export interface CalibrationDrift {
  /** Forecasts (e.g. matches) settled in the window. */
  n: number;
  /** Mean multi-class Brier score. */
  brier: number;
  /** ECE over 10 equal-width bins, one-vs-rest pooled over the classes. */
  ece: number;
  /** ECE's sampling floor at these forecasts (seeded: the same sample gives the same floor). */
  eceFloor: number;
  level: DriftLevel;
}

const worse = (a: DriftLevel, b: DriftLevel): DriftLevel => (a === 'alert' || b === 'alert' ? 'alert' : a === 'warn' || b === 'warn' ? 'warn' : 'ok');

/**
 * Calibration drift of `probs` (one probability vector per forecast) against the observed class indices, with the
 * level of the file comment; `baselineBrier` is the version's training-time Brier score when known.
 */
export function calibrationDrift(probs: readonly ArrayLike<number>[], outcomes: ArrayLike<number>, baselineBrier?: number | null): CalibrationDrift {
  const brier = meanBrier(probs, outcomes);
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    for (let k = 0; k < probs[i]!.length; k++) {
      p.push(probs[i]![k]!);
      y.push(outcomes[i] === k ? 1 : 0);
    }
  }
  const ece = expectedCalibrationError(p, y);
  const eceFloor = eceSamplingFloor(p);
  const t = CALIBRATION_THRESHOLDS;
  const byEce: DriftLevel = ece > t.eceOverFloor.alert * eceFloor ? 'alert' : ece > t.eceOverFloor.warn * eceFloor ? 'warn' : 'ok';
  let byBrier: DriftLevel = 'ok';
  if (baselineBrier !== undefined && baselineBrier !== null && baselineBrier > 0) {
    const r = brier / baselineBrier;
    byBrier = r > t.brierOverBaseline.alert ? 'alert' : r > t.brierOverBaseline.warn ? 'warn' : 'ok';
  }
  return { n: probs.length, brier, ece, eceFloor, level: worse(byEce, byBrier) };
}
