import { describe, expect, it } from 'vitest';
import { eceSamplingFloor } from '../../src/metrics/index.ts';

describe('eceSamplingFloor', () => {
  it('matches the closed form for one bin: E|ȳ − ½| = ½·√(2/(πn)) (normal approximation) at p = ½', () => {
    for (const n of [400, 1600]) {
      const expected = 0.5 * Math.sqrt(2 / (Math.PI * n));
      expect(Math.abs(eceSamplingFloor(new Array(n).fill(0.5), 4000) - expected)).toBeLessThan(0.06 * expected);
    }
  });

  it('is zero for certain forecasts and shrinks like 1/√n', () => {
    expect(eceSamplingFloor([0, 1, 1, 0, 1], 50)).toBe(0);
    const spread = (n: number) => Array.from({ length: n }, (_, i) => 0.2 + (0.6 * i) / n);
    const small = eceSamplingFloor(spread(500), 400);
    const large = eceSamplingFloor(spread(2000), 400);
    expect(large / small).toBeGreaterThan(0.4);
    expect(large / small).toBeLessThan(0.6);
  });
});
