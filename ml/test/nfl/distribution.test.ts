import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/index.ts';
import { scaledResidual as sr } from '../../src/nfl/props/index.ts';

// Outcomes y = μ + 0.5·√μ·Z with Z standard normal: the fit must recover the √μ scale (b ≈ 0.5) and normal
// quantiles (z_0.9 = 1.2815515655446004, Abramowitz & Stegun 26.2).
function sample(n: number, seed: number) {
  const rng = createRng(seed);
  const mu = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = 20 + 280 * rng.next();
    y[i] = mu[i]! + 0.5 * Math.sqrt(mu[i]!) * rng.normal();
  }
  return { mu, y };
}

describe('scaled-residual predictive distribution', () => {
  const train = sample(20000, 1);
  const d = sr.fitScaledResidual(train.mu, train.y, false);

  it('recovers a square-root scale and normal quantiles', () => {
    expect(d.b).toBeCloseTo(0.5, 1);
    for (const mu of [30, 100, 250]) {
      const s = 0.5 * Math.sqrt(mu);
      expect(sr.quantile(d, mu, 0.9)).toBeCloseTo(mu + 1.2815515655446004 * s, 0);
      expect(sr.quantile(d, mu, 0.1)).toBeCloseTo(mu - 1.2815515655446004 * s, 0);
      expect(sr.median(d, mu)).toBeCloseTo(mu, 0);
      expect(sr.probOver(d, mu, mu + s)).toBeCloseTo(0.15865525393145707, 1.5);
    }
  });

  it('covers 80% of fresh outcomes with its 10–90% interval and P(over) falls as the line rises', () => {
    const test = sample(5000, 2);
    let inside = 0;
    for (let i = 0; i < test.mu.length; i++) {
      const m = test.mu[i]!;
      if (test.y[i]! >= sr.quantile(d, m, 0.1) && test.y[i]! <= sr.quantile(d, m, 0.9)) inside++;
    }
    expect(inside / test.mu.length).toBeGreaterThan(0.78);
    expect(inside / test.mu.length).toBeLessThan(0.82);
    const lines = [90, 95, 100, 105, 110];
    const p = lines.map((l) => sr.probOver(d, 100, l));
    for (let k = 1; k < p.length; k++) expect(p[k]!).toBeLessThan(p[k - 1]!);
  });

  it('treats count markets with the continuity convention: P(Y > 4) = P(Y > 4.5) = 1 − F(4.5)', () => {
    const rng = createRng(3);
    const mu: number[] = [], y: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const m = 2 + 6 * rng.next();
      mu.push(m);
      y.push(Math.max(0, Math.round(m + Math.sqrt(m) * rng.normal())));
    }
    const c = sr.fitScaledResidual(mu, y, true);
    expect(sr.probOver(c, 5, 4)).toBe(sr.probOver(c, 5, 4.5));
    expect(sr.probOver(c, 5, 4)).toBe(1 - sr.cdf(c, 5, 4.5));
    expect(Number.isInteger(sr.median(c, 5.3))).toBe(true);
  });

  it('applies the whole-unit correction to yards (settled in whole yards) without making the median an integer', () => {
    const yards = sr.fitScaledResidual(train.mu, train.y, false, true);
    expect(yards.wholeUnits).toBe(true);
    expect(d.wholeUnits).toBe(false);
    // Y > 100 ⇔ Y ≥ 101: both lines price as 1 − F(100.5); the continuous law prices 100 as 1 − F(100).
    expect(sr.probOver(yards, 100, 100)).toBe(1 - sr.cdf(yards, 100, 100.5));
    expect(sr.probOver(yards, 100, 100)).toBe(sr.probOver(yards, 100, 100.5));
    expect(sr.probOver(d, 100, 100)).toBe(1 - sr.cdf(d, 100, 100));
    expect(sr.median(yards, 100.3)).toBe(sr.median(d, 100.3));
  });

  it('has exponential tails beyond the outermost knots: positive mass everywhere, quantile and CDF inverse there', () => {
    const mu = 100;
    const far = sr.quantile(d, mu, 0.0001);
    expect(far).toBeLessThan(sr.quantile(d, mu, 0.001));
    expect(sr.cdf(d, mu, far)).toBeCloseTo(0.0001, 10);
    expect(sr.cdf(d, mu, sr.quantile(d, mu, 0.99995))).toBeCloseTo(0.99995, 10);
    expect(sr.cdf(d, mu, mu - 30)).toBeGreaterThan(0); // 6 scale units out
    expect(sr.probOver(d, mu, mu + 30)).toBeGreaterThan(0);
    for (const p of [0.01, 0.2, 0.5, 0.8, 0.99]) expect(sr.cdf(d, mu, sr.quantile(d, mu, p))).toBeCloseTo(p, 10);
  });

  it('refuses to fit on too few rows', () => {
    expect(() => sr.fitScaledResidual([1, 2], [1, 2], false)).toThrow(/≥ 50/);
  });
});
