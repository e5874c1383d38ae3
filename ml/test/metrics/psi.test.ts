import { describe, expect, it } from 'vitest';
import {
  binOf, binShares, calibrationDrift, featureProfile, psi, psiByFeature, psiExpected, psiLevel, quantileEdges, PSI_EPSILON,
} from '../../src/metrics/index.ts';

/** A seeded standard normal stream (Box–Muller over an LCG), so the samples are the same on every run. */
function normals(n: number, seed: number, shift = 0): Float64Array {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return Float64Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('PSI', () => {
  it('is Σ (a − e)·ln(a/e) — a hand-worked two-bin example', () => {
    // 0.2·ln(0.7/0.5) + (−0.2)·ln(0.3/0.5) = 0.2·(ln 1.4 + ln(5/3))
    expect(psi([0.5, 0.5], [0.7, 0.3])).toBeCloseTo(0.2 * (Math.log(1.4) + Math.log(5 / 3)), 12);
    expect(psi([0.25, 0.25, 0.5], [0.25, 0.25, 0.5])).toBe(0);
    // Symmetric in its arguments (a symmetrised KL divergence).
    expect(psi([0.7, 0.3], [0.5, 0.5])).toBeCloseTo(psi([0.5, 0.5], [0.7, 0.3]), 15);
  });

  it('floors an empty bin at PSI_EPSILON instead of answering Infinity', () => {
    const v = psi([0.5, 0.5, 0], [0.4, 0.4, 0.2]);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeCloseTo(0.1 * Math.log(0.4 / 0.5) * -1 * 2 + (0.2 - PSI_EPSILON) * Math.log(0.2 / PSI_EPSILON), 12);
  });

  it('cuts the training values at their deciles, so each bin holds a tenth of them, and keeps a missing bin', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const e = quantileEdges(x);
    expect(e).toEqual([99, 199, 299, 399, 499, 599, 699, 799, 899]);
    const shares = binShares(e, x);
    expect(shares).toHaveLength(11);
    for (const s of shares.slice(0, 10)) expect(s).toBeCloseTo(0.1, 12);
    expect(shares[10]).toBe(0);
    expect(binOf(e, NaN)).toBe(10);
    expect(binOf(e, 99)).toBe(0);
    expect(binOf(e, 99.5)).toBe(1);
    expect(binOf(e, 1e9)).toBe(9);
  });

  it('gives a binary feature two bins and a constant one a single bin', () => {
    const binary = Float64Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1));
    expect(quantileEdges(binary)).toEqual([0]);
    expect(binShares([0], binary)).toEqual([0.7, 0.3, 0]);
    expect(quantileEdges(new Float64Array(50).fill(3))).toEqual([]);
    expect(quantileEdges([NaN, NaN])).toEqual([]);
  });

  it('stays under 0.1 for a fresh sample of the same law and crosses 0.25 for a one-sd shift', () => {
    const train = normals(20_000, 1);
    const X = { values: train, rows: train.length, cols: 1 };
    const profile = featureProfile(X, ['x']);
    const same = psiByFeature(profile, Array.from(normals(2_000, 2), (v) => [v]))[0]!.psi;
    const small = psiByFeature(profile, Array.from(normals(2_000, 3, 0.1), (v) => [v]))[0]!.psi;
    const large = psiByFeature(profile, Array.from(normals(2_000, 4, 1), (v) => [v]))[0]!.psi;
    expect(psiLevel(same)).toBe('ok');
    expect(same).toBeLessThan(0.02);
    expect(psiLevel(small)).toBe('ok');
    expect(small).toBeGreaterThan(same);
    // For a normal shifted by δ sd the binned PSI approaches the symmetric KL δ² from below.
    expect(large).toBeGreaterThan(0.25);
    expect(large).toBeLessThan(1);
    expect(psiLevel(large)).toBe('alert');
  });

  it('sees a column that went missing in the live rows', () => {
    const train = normals(5_000, 5);
    const profile = featureProfile({ values: train, rows: train.length, cols: 1 }, ['x']);
    const live = Array.from(normals(1_000, 6), (v, i) => [i % 2 ? null : v]);
    const r = psiByFeature(profile, live)[0]!;
    expect(r.feature).toBe('x');
    expect(psiLevel(r.psi)).toBe('alert');
  });

  it('profiles every column of a row-major matrix under its name', () => {
    const rows = 200;
    const values = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      values[r * 2] = r;
      values[r * 2 + 1] = r % 2;
    }
    const p = featureProfile({ values, rows, cols: 2 }, ['rank', 'odd']);
    expect(p.names).toEqual(['rank', 'odd']);
    expect(p.n).toBe(200);
    expect(p.edges[1]).toEqual([0]);
    expect(p.shares[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(() => featureProfile({ values, rows, cols: 2 }, ['one'])).toThrow(RangeError);
  });

  it('levels the excess over sampling noise: an unchanged law in a small week stays ok, a half-sd shift does not', () => {
    const train = normals(5_000, 21);
    const profile = featureProfile({ values: train, rows: train.length, cols: 1 }, ['x']);
    // (k − 1)(1/n + 1/N) with the ten decile bins occupied.
    expect(psiExpected(profile.shares[0]!, 100, 5_000)).toBeCloseTo(9 * (1 / 100 + 1 / 5_000), 12);
    let falseWarnings = 0;
    let caught = 0;
    for (let k = 0; k < 200; k++) {
      const same = psiByFeature(profile, Array.from(normals(100, 500 + k), (v) => [v]))[0]!;
      expect(same.expected).toBeCloseTo(9 * (1 / 100 + 1 / 5_000), 12);
      if (same.level !== 'ok') falseWarnings++;
      if (psiByFeature(profile, Array.from(normals(100, 900 + k, 0.5), (v) => [v]))[0]!.level !== 'ok') caught++;
    }
    // Raw PSI of the unchanged law averages ≈ 0.09 at n = 100: without the correction about half would warn.
    expect(falseWarnings / 200).toBeLessThan(0.08);
    expect(caught / 200).toBeGreaterThan(0.8);
  });

  it('levels by the 0.1 / 0.25 conventions', () => {
    expect(psiLevel(0.0999)).toBe('ok');
    expect(psiLevel(0.1)).toBe('warn');
    expect(psiLevel(0.2499)).toBe('warn');
    expect(psiLevel(0.25)).toBe('alert');
  });
});

describe('calibration drift', () => {
  /** 1X2-like forecasts and outcomes drawn from `truth` (calibrated when the forecast equals the truth). */
  function sample(n: number, seed: number, forecast: (t: number[]) => number[]) {
    let s = seed >>> 0;
    const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    const probs: number[][] = [];
    const outcomes: number[] = [];
    for (let i = 0; i < n; i++) {
      const h = 0.25 + 0.4 * u();
      const d = 0.22;
      const t = [h, d, 1 - h - d];
      const r = u();
      outcomes.push(r < t[0]! ? 0 : r < t[0]! + t[1]! ? 1 : 2);
      probs.push(forecast(t));
    }
    return { probs, outcomes };
  }

  it('keeps a calibrated forecaster within its sampling band and flags one that is 15 points overconfident', () => {
    const good = sample(2_000, 11, (t) => t);
    const g = calibrationDrift(good.probs, good.outcomes);
    expect(g.n).toBe(2_000);
    expect(g.eceFloor).toBeLessThan(g.eceWarn);
    expect(g.eceWarn).toBeLessThan(g.eceAlert);
    expect(g.ece).toBeLessThan(g.eceWarn);
    expect(g.level).toBe('ok');
    const bad = sample(2_000, 11, ([h, d, a]) => [Math.min(0.95, h! + 0.15), d!, Math.max(0.01, a! - 0.15)]);
    const b = calibrationDrift(bad.probs, bad.outcomes);
    expect(b.ece).toBeGreaterThan(b.eceAlert);
    expect(b.level).toBe('alert');
    expect(b.brier).toBeGreaterThan(g.brier);
  });

  it('a calibrated forecaster warns about one time in twenty and alerts about one in a hundred, at any sample size', () => {
    for (const n of [60, 600]) {
      let warns = 0;
      let alerts = 0;
      for (let k = 0; k < 200; k++) {
        const s = sample(n, 1000 + k, (t) => t);
        const c = calibrationDrift(s.probs, s.outcomes, null, 200, 7 + k);
        if (c.level !== 'ok') warns++;
        if (c.level === 'alert') alerts++;
      }
      expect(warns / 200).toBeLessThan(0.12);
      expect(alerts / 200).toBeLessThan(0.04);
    }
  });

  it('warns when the live Brier is 5–10 % worse than at training, alerts past 10 %', () => {
    const good = sample(2_000, 12, (t) => t);
    const g = calibrationDrift(good.probs, good.outcomes);
    expect(calibrationDrift(good.probs, good.outcomes, g.brier / 1.07).level).toBe('warn');
    expect(calibrationDrift(good.probs, good.outcomes, g.brier / 1.2).level).toBe('alert');
    expect(calibrationDrift(good.probs, good.outcomes, g.brier).level).toBe('ok');
  });
});
