import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brier,
  expectedCalibrationError,
  logLoss,
  meanBrier,
  meanLogLoss,
  meanRps,
  oneVsRest,
  reliabilityBins,
  rps,
} from '../../src/metrics/index.ts';

const golden = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden/soccer/odds-calibration.json'), 'utf8')).metrics;

describe('ranked probability score', () => {
  it('reproduces the worked examples of Constantinou & Fenton (2012) for a home win', () => {
    expect(rps([1, 0, 0], 0)).toBe(0);
    expect(rps([0.9, 0.1, 0], 0)).toBeCloseTo(0.005, 15);
    expect(rps([0.8, 0.1, 0.1], 0)).toBeCloseTo(0.025, 15);
    expect(rps([0.5, 0.25, 0.25], 0)).toBeCloseTo(0.15625, 15);
    // Ordinal: for an away win, putting mass on the draw is better than on the home win.
    expect(rps([0.2, 0.6, 0.2], 2)).toBeLessThan(rps([0.6, 0.2, 0.2], 2));
  });
  it('matches an independent numpy computation', () => {
    expect(meanRps(golden.probs, golden.outcomes)).toBeCloseTo(golden.rps, 12);
  });
});

describe('log loss and Brier against scikit-learn (golden)', () => {
  it('agree to 1e-12', () => {
    expect(meanLogLoss(golden.probs, golden.outcomes)).toBeCloseTo(golden.logLoss, 12);
    expect(meanBrier(golden.probs, golden.outcomes)).toBeCloseTo(golden.brier, 12);
  });
  it('handle edge cases', () => {
    expect(logLoss([0, 1], 0)).toBeCloseTo(-Math.log(1e-15), 10);
    expect(brier([0.5, 0.5], 1)).toBe(0.5);
    expect(() => rps([0.5, 0.5], 2)).toThrow(/not a class index/);
    expect(() => meanRps([], [])).toThrow(/empty/);
  });
});

describe('reliability and ECE', () => {
  it('bins by predicted probability and weights the gaps by bin size', () => {
    const p = [0.05, 0.15, 0.15, 0.85, 0.95];
    const y = [0, 0, 1, 1, 1];
    const bins = reliabilityBins(p, y, 10);
    expect(bins[1]).toMatchObject({ count: 2, meanPredicted: 0.15, observedFrequency: 0.5 });
    expect(bins[5]!.count).toBe(0);
    // ECE = (1·0.05 + 2·0.35 + 1·0.15 + 1·0.05)/5 = 0.19
    expect(expectedCalibrationError(p, y, 10)).toBeCloseTo(0.19, 14);
    expect(expectedCalibrationError([0.2, 0.2, 0.2, 0.2, 0.2], [1, 0, 0, 0, 0])).toBeCloseTo(0, 14);
  });
  it('splits multi-class forecasts one-vs-rest', () => {
    const { p, y } = oneVsRest([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7]], [1, 2], 2);
    expect(Array.from(p)).toEqual([0.2, 0.7]);
    expect(Array.from(y)).toEqual([0, 1]);
    expect(() => reliabilityBins([1.2], [1])).toThrow(/outside \[0, 1\]/);
  });
});
