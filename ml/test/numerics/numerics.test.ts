import { describe, expect, it } from 'vitest';
import {
  createRng,
  logFactorial,
  logGamma,
  mean,
  minimizeLbfgs,
  minimizeLbfgsBounded,
  poissonLogPmf,
  poissonPmf,
  poissonPmfVector,
  sum,
  CompensatedSum,
} from '../../src/numerics/index.ts';

describe('logGamma (published values: Abramowitz & Stegun 6.1, DLMF 5.4)', () => {
  it('matches closed forms', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14); // Γ(1/2) = √π
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12); // 9!
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13); // |Γ(−1/2)| = 2√π
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
  });
  it('matches tabulated large arguments', () => {
    // ln Γ(100) = ln 99! = 359.13420536957539878 (DLMF / OEIS A000142 via Stirling series)
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
    expect(logGamma(1e6)).toBeCloseTo(12815504.569147605, 3);
  });
  it('has poles at non-positive integers', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });
});

describe('logFactorial', () => {
  it('agrees with direct products and with logGamma beyond the table', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 14);
    expect(logFactorial(20)).toBeCloseTo(Math.log(2432902008176640000), 12);
    expect(logFactorial(300)).toBeCloseTo(logGamma(301), 8);
    expect(logFactorial(255) + Math.log(256)).toBeCloseTo(logFactorial(256), 9);
  });
  it('rejects non-integers and negatives', () => {
    expect(() => logFactorial(-1)).toThrow(/non-negative integer/);
    expect(() => logFactorial(1.5)).toThrow(/non-negative integer/);
  });
});

describe('Poisson pmf', () => {
  it('matches hand-computed values', () => {
    // P(3; 2.5) = e^-2.5 · 2.5^3 / 3! = 0.21376301724973645
    expect(poissonPmf(3, 2.5)).toBeCloseTo(0.21376301724973645, 15);
    expect(poissonLogPmf(0, 1.3)).toBeCloseTo(-1.3, 15);
    expect(poissonLogPmf(2, 0)).toBe(-Infinity);
    expect(poissonLogPmf(0, 0)).toBe(0);
    expect(poissonLogPmf(-1, 2)).toBe(-Infinity);
  });
  it('stays finite in log space where the naive formula overflows', () => {
    const lp = poissonLogPmf(1000, 1000);
    // Stirling: ln P ≈ −½ ln(2π·1000) − 1/(12·1000)
    expect(lp).toBeCloseTo(-0.5 * Math.log(2 * Math.PI * 1000) - 1 / 12000, 6);
  });
  it('vector recurrence agrees with the log-space pmf and sums to one', () => {
    const v = poissonPmfVector(1.7, 40);
    for (let k = 0; k <= 40; k++) expect(v[k]).toBeCloseTo(poissonPmf(k, 1.7), 14);
    expect(sum(v)).toBeCloseTo(1, 14);
  });
});

describe('compensated sum', () => {
  it('recovers terms a naive sum loses', () => {
    const xs = [1, 1e100, 1, -1e100];
    expect(xs.reduce((a, b) => a + b, 0)).toBe(0);
    expect(sum(xs)).toBe(2);
    const acc = new CompensatedSum();
    for (const x of xs) acc.add(x);
    expect(acc.value).toBe(2);
  });
  it('sums 0.1 a million times to 1e5 to within 1e-9', () => {
    const v = new Float64Array(1_000_000).fill(0.1);
    expect(Math.abs(sum(v) - 100000)).toBeLessThan(1e-9);
    expect(mean(v)).toBeCloseTo(0.1, 15);
  });
});

describe('seeded RNG', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it('has the right moments (uniform, normal, Poisson)', () => {
    const r = createRng(7);
    const n = 200_000;
    let su = 0, sn = 0, sn2 = 0, sp = 0, sp2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) throw new Error(`uniform draw out of range: ${u}`);
      su += u;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
      const k = r.poisson(1.4);
      sp += k;
      sp2 += k * k;
    }
    // 5-sigma bands
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sn / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(sp / n - 1.4)).toBeLessThan(5 * Math.sqrt(1.4 / n));
    expect(Math.abs(sp2 / n - (sp / n) ** 2 - 1.4)).toBeLessThan(0.05);
  });
});

describe('L-BFGS', () => {
  it('minimises the Rosenbrock function (minimum at 1,1)', () => {
    const res = minimizeLbfgs((x, g) => {
      const a = x[0]!, b = x[1]!;
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, [-1.2, 1], { gradientTolerance: 1e-9 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
  });
  it('minimises a 20-D extended Rosenbrock', () => {
    const n = 20;
    const x0 = new Float64Array(n).map((_, i) => (i % 2 === 0 ? -1.2 : 1));
    const res = minimizeLbfgs((x, g) => {
      let f = 0;
      g.fill(0);
      for (let i = 0; i < n; i += 2) {
        const a = x[i]!, b = x[i + 1]!;
        f += (1 - a) ** 2 + 100 * (b - a * a) ** 2;
        g[i] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[i + 1] = 200 * (b - a * a);
      }
      return f;
    }, x0, { gradientTolerance: 1e-8, maxIterations: 2000 });
    for (let i = 0; i < n; i++) expect(res.x[i]).toBeCloseTo(1, 5);
  });
  it('respects an infeasible region signalled by +Infinity', () => {
    // minimise (x − 3)² subject to x < 2 via an objective that is +∞ beyond x ≥ 2 and has a log barrier.
    const res = minimizeLbfgs((x, g) => {
      const v = x[0]!;
      if (v >= 2) return Infinity;
      g[0] = 2 * (v - 3) + 0.01 / (2 - v);
      return (v - 3) ** 2 - 0.01 * Math.log(2 - v);
    }, [0]);
    expect(res.x[0]).toBeLessThan(2);
    // Stationary point of the barrier problem: 2(v−3)(2−v) + 0.01 = 0 → v = 2.5 − √(0.25+0.005) ≈ 1.99502
    expect(res.x[0]).toBeCloseTo(2.5 - Math.sqrt(0.255), 5);
  });
  it('rejects a non-finite start', () => {
    expect(() => minimizeLbfgs(() => NaN, [0])).toThrow(/not finite/);
  });
});

describe('L-BFGS with box bounds (reparametrisation)', () => {
  it('finds an interior optimum unchanged and pins a bound-active optimum to the bound', () => {
    // f = (x−0.3)² + (y−5)², with 0 ≤ x ≤ 1 (interior optimum) and y ≤ 2 (active upper bound).
    const fg = (v: Float64Array, g: Float64Array) => {
      g[0] = 2 * (v[0]! - 0.3);
      g[1] = 2 * (v[1]! - 5);
      return (v[0]! - 0.3) ** 2 + (v[1]! - 5) ** 2;
    };
    const res = minimizeLbfgsBounded(fg, [0.5, 0], { lower: [0, -Infinity], upper: [1, 2] }, { gradientTolerance: 1e-10 });
    expect(res.x[0]).toBeCloseTo(0.3, 6);
    expect(res.x[1]).toBeLessThanOrEqual(2);
    expect(res.x[1]).toBeCloseTo(2, 3);
  });
  it('rejects a start outside the bounds', () => {
    expect(() => minimizeLbfgsBounded(() => 0, [2], { lower: [0], upper: [1] })).toThrow(/strictly inside/);
  });
});
