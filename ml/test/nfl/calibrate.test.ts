import { describe, expect, it } from 'vitest';
import { applyOverCalibration, fitOverCalibration } from '../../src/nfl/props/calibrate.ts';

// Hand-computed values of the prior-weighted isotonic fit: a block holding rows with outcomes y and raw
// probabilities p takes the value (Σy + w·Σp) / (n + w·n).
describe('isotonic P(over) calibration with a prior toward the raw probability', () => {
  it('pulls a single block toward the raw probability by w/(1 + w)', () => {
    const p = [0.4, 0.4, 0.4, 0.4, 0.4], y = [1, 1, 1, 0, 0];
    expect(applyOverCalibration(fitOverCalibration(p, y, 0), 0.4)).toBeCloseTo(0.6, 12);
    expect(applyOverCalibration(fitOverCalibration(p, y, 4), 0.4)).toBeCloseTo((3 + 4 * 2) / 25, 12); // 0.44
  });

  it('keeps ordered blocks apart and pools a violating pair', () => {
    const ordered = fitOverCalibration([0.2, 0.8], [0, 1], 4);
    expect(applyOverCalibration(ordered, 0.2)).toBeCloseTo(0.16, 12);
    expect(applyOverCalibration(ordered, 0.8)).toBeCloseTo(0.84, 12);
    const pooled = fitOverCalibration([0.3, 0.6], [1, 0], 1);
    expect(applyOverCalibration(pooled, 0.3)).toBeCloseTo(0.475, 12);
    expect(applyOverCalibration(pooled, 0.6)).toBeCloseTo(0.475, 12);
  });
});
