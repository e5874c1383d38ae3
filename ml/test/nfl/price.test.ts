import { describe, expect, it } from 'vitest';
import type { IsotonicModel } from '../../src/calibration/index.ts';
import { createRng } from '../../src/numerics/index.ts';
import { buildEnv, fitPropModel, MARKETS, offeredRows, pOver, project, PROP_DEFAULTS, scaledResidual as sr } from '../../src/nfl/props/index.ts';
import { priceLine } from '../../src/nfl/props/price.ts';
import { expectedValueWithPush } from '../../src/pricing/index.ts';
import { gamesText, weeklyText } from './helpers.ts';

/** The identity map (linear between its two knots): calibrated = raw, so the law can be checked directly. */
const IDENTITY: IsotonicModel = { x: [0, 1], y: [0, 1] };

// A count law (receptions-like): y = Poisson-ish around μ, fitted as a discrete scaled residual.
function countLaw() {
  const rng = createRng(3);
  const n = 20000;
  const mu = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = 1 + 8 * rng.next();
    y[i] = Math.max(0, Math.round(mu[i]! + Math.sqrt(mu[i]!) * rng.normal()));
  }
  return sr.fitScaledResidual(mu, y, true, true);
}

describe('priceLine', () => {
  const d = countLaw();
  const m = { distribution: d, calibration: IDENTITY };

  it('a half line has no push: P(over) is the law’s 1 − F(⌊L⌋ + ½) and the fair odds are 1/p', () => {
    const p = priceLine(m, 4.2, 4.5);
    expect(p.over).toBeCloseTo(1 - sr.cdf(d, 4.2, 4.5), 12);
    expect(p.push).toBe(0);
    expect(p.over + p.under).toBeCloseTo(1, 12);
    expect(p.fairPrice.over).toBeCloseTo(1 / p.over, 12);
    expect(p.fairPrice.under).toBeCloseTo(1 / p.under, 12);
  });

  it('a whole line pushes with P(Y = L) = F(L + ½) − F(L − ½), and the fair prices have zero EV given the refund', () => {
    const p = priceLine(m, 4.2, 4);
    expect(p.push).toBeCloseTo(sr.cdf(d, 4.2, 4.5) - sr.cdf(d, 4.2, 3.5), 12);
    expect(p.push).toBeGreaterThan(0.05);
    expect(p.over).toBeCloseTo(1 - sr.cdf(d, 4.2, 4.5), 12);
    expect(p.under).toBeCloseTo(sr.cdf(d, 4.2, 3.5), 12);
    expect(p.over + p.under + p.push).toBeCloseTo(1, 12);
    expect(expectedValueWithPush(p.over, p.under, p.fairPrice.over)).toBeCloseTo(0, 12);
    expect(expectedValueWithPush(p.under, p.over, p.fairPrice.under)).toBeCloseTo(0, 12);
    // A push makes both sides' fair prices higher than 1/p of a no-push market would suggest.
    expect(p.fairPrice.over).toBeGreaterThan(1 / (p.over + p.push));
  });

  it('P(over) falls as the line rises and the calibration map is applied to both sides', () => {
    const shrink: IsotonicModel = { x: [0, 1], y: [0.1, 0.9] }; // pulls every probability toward ½
    const raw = priceLine(m, 6, 5);
    const cal = priceLine({ distribution: d, calibration: shrink }, 6, 5);
    expect(cal.over).toBeCloseTo(0.1 + 0.8 * raw.over, 12);
    expect(cal.over + cal.under + cal.push).toBeCloseTo(1, 12);
    const overs = [0.5, 2.5, 4.5, 7, 9.5].map((l) => priceLine(m, 6, l).over);
    for (let k = 1; k < overs.length; k++) expect(overs[k]!).toBeLessThan(overs[k - 1]!);
    // Over 4 and over 4.5 both need Y ≥ 5: same probability; only the under differs (by the push).
    expect(priceLine(m, 6, 4).over).toBe(priceLine(m, 6, 4.5).over);
    expect(priceLine(m, 6, 4).under).toBeLessThan(priceLine(m, 6, 4.5).under);
  });

  it('under 0 on a count cannot win: its probability is 0, the rest of the mass below 1 pushes', () => {
    const p = priceLine(m, 0.8, 0);
    expect(p.under).toBe(0);
    expect(p.fairPrice.under).toBe(Number.POSITIVE_INFINITY);
    expect(p.over).toBeCloseTo(1 - sr.cdf(d, 0.8, 0.5), 12);
    expect(p.push).toBeCloseTo(sr.cdf(d, 0.8, 0.5), 12);
    // A yards law (not discrete) keeps negative outcomes: under 0 rushing yards can win.
    const yards = { distribution: { ...d, discrete: false }, calibration: IDENTITY };
    expect(priceLine(yards, 0.8, 0).under).toBeCloseTo(sr.cdf({ ...d, discrete: false }, 0.8, -0.5), 12);
  });

  it('yes/no markets price the calibrated centre', () => {
    const p = priceLine({ distribution: null, calibration: IDENTITY }, 0.37, 0.5);
    expect(p).toEqual({ line: 0.5, over: 0.37, under: 0.63, push: 0, fairPrice: { over: 1 / 0.37, under: 1 / 0.63 } });
  });

  it('rejects a non-finite centre and lines that are negative or not whole/half units', () => {
    expect(() => priceLine(m, Number.NaN, 4.5)).toThrow(/centre must be finite/);
    expect(() => priceLine(m, 4, -1)).toThrow(/≥ 0/);
    expect(() => priceLine(m, 4, 4.3)).toThrow(/whole or half units/);
    expect(() => priceLine(m, 4, Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it('wiring: a trained PropModel is a LinePricingModel, and its P(over) is the model’s own pOver', () => {
    const env = buildEnv([2016, 2017, 2018].map(weeklyText), [gamesText()]);
    const fast = { ...PROP_DEFAULTS.receiving_yards, gbdt: { ...PROP_DEFAULTS.receiving_yards.gbdt, trees: 20 } };
    const model = fitPropModel(env, 'receiving_yards', [2016, 2017], fast);
    const rows = offeredRows(MARKETS.receiving_yards, env.table, new Set([2018])).slice(0, 50);
    for (const p of project(model, env, rows)) {
      for (const line of [24.5, 49.5, 70]) expect(priceLine(model, p.mu, line).over).toBe(pOver(model, p.mu, line));
    }
  });
});
