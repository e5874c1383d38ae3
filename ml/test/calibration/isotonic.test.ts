import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fitIsotonic,
  fitMulticlassIsotonic,
  loadIsotonic,
  loadMulticlassIsotonic,
  predictIsotonic,
  predictMulticlassIsotonic,
  serializeIsotonic,
  serializeMulticlassIsotonic,
} from '../../src/calibration/index.ts';

const golden = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden/soccer/odds-calibration.json'), 'utf8')).isotonic;

describe('isotonic regression (PAVA) against scikit-learn (golden)', () => {
  it('matches IsotonicRegression(out_of_bounds="clip") on a grid and on the training points', () => {
    const m = fitIsotonic(golden.x, golden.y);
    golden.grid.forEach((g: number, i: number) => expect(predictIsotonic(m, g)).toBeCloseTo(golden.predict[i], 12));
    golden.x.forEach((x: number, i: number) => expect(predictIsotonic(m, x)).toBeCloseTo(golden.predictTrain[i], 12));
  });
  it('matches with sample weights', () => {
    const m = fitIsotonic(golden.x, golden.y, golden.w);
    golden.grid.forEach((g: number, i: number) => expect(predictIsotonic(m, g)).toBeCloseTo(golden.predictWeighted[i], 12));
  });
  it('is monotone and exact on textbook input', () => {
    // PAVA on 1, 3, 2, 4: the violating pair pools to 2.5.
    const m = fitIsotonic([1, 2, 3, 4], [1, 3, 2, 4]);
    expect([1, 2, 3, 4].map((v) => predictIsotonic(m, v))).toEqual([1, 2.5, 2.5, 4]);
    for (let i = 1; i < m.y.length; i++) expect(m.y[i]).toBeGreaterThanOrEqual(m.y[i - 1]!);
  });
  it('serialises with a tag and rejects a wrong one', () => {
    const m = fitIsotonic([0.1, 0.5, 0.9], [0, 1, 1]);
    expect(loadIsotonic(serializeIsotonic(m))).toEqual(m);
    expect(() => loadIsotonic({ tag: 'other', version: 1, model: m })).toThrow(/wrong model tag/);
    expect(() => fitIsotonic([], [])).toThrow(/empty/);
    expect(() => fitIsotonic([0.1, NaN], [0, 1])).toThrow(/non-finite/);
  });
});

describe('multi-class one-vs-rest isotonic', () => {
  it('returns renormalised vectors and improves log loss of miscalibrated forecasts in sample', () => {
    // Forecasts that are too confident in the home win.
    const probs: number[][] = [];
    const outcomes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const h = 0.3 + 0.4 * ((i * 37) % 100) / 100;
      probs.push([h, (1 - h) / 2, (1 - h) / 2]);
      outcomes.push((i * 53) % 100 < (h - 0.15) * 100 ? 0 : i % 2 === 0 ? 1 : 2);
    }
    const m = fitMulticlassIsotonic(probs, outcomes);
    const ll = (f: (p: number[]) => number[]) => probs.reduce((s, p, i) => s - Math.log(Math.max(f(p)[outcomes[i]!]!, 1e-15)), 0);
    const cal = (p: number[]) => predictMulticlassIsotonic(m, p);
    for (const p of probs.slice(0, 20)) expect(cal(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ll(cal)).toBeLessThan(ll((p) => p));
    expect(loadMulticlassIsotonic(serializeMulticlassIsotonic(m))).toEqual(m);
    expect(() => fitMulticlassIsotonic(probs, outcomes.map(() => 3))).toThrow(/not a class/);
  });
});
