import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectedValue,
  expectedValueAsian,
  kellyStake,
  kellyStakeAsian,
  margin,
  removeVig,
  VIG_METHODS,
} from '../../src/odds/index.ts';

const golden = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden/soccer/odds-calibration.json'), 'utf8'));

describe('vig removal against scipy brentq solutions (golden)', () => {
  for (const book of golden.vig) {
    it(`${book.odds.join('/')}`, () => {
      expect(margin(book.odds)).toBeCloseTo(book.margin, 14);
      for (const method of VIG_METHODS) {
        const p = removeVig(book.odds, method);
        expect(p.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 12);
        p.forEach((v: number, i: number) => expect(v).toBeCloseTo(book[method][i], 10));
      }
    });
  }
  it('orders long shots as the methods intend (multiplicative > power/Shin/odds-ratio for the favourite-longshot bias)', () => {
    const odds = [1.3, 5.5, 11];
    const mult = removeVig(odds, 'multiplicative');
    for (const m of ['power', 'shin', 'oddsRatio'] as const) expect(removeVig(odds, m)[2]).toBeLessThan(mult[2]!);
  });
});

describe('vig guards', () => {
  it('rejects odds ≤ 1, missing prices, too few outcomes and negative margins with clear errors', () => {
    expect(() => removeVig([1.0, 3, 4])).toThrow(/odds must be finite and > 1, got 1 for outcome 0/);
    expect(() => removeVig([2, null, 4])).toThrow(/missing price for outcome 1/);
    expect(() => removeVig([2, NaN, 4])).toThrow(/missing price/);
    expect(() => removeVig([2])).toThrow(/at least two/);
    expect(() => removeVig([2.2, 2.2], 'shin')).toThrow(/margin is negative/);
    expect(() => removeVig([1.2, 5, 101], 'additive')).toThrow(/non-positive probability/);
  });
  it('returns the implied probabilities unchanged for a zero-margin book', () => {
    for (const m of VIG_METHODS) expect(removeVig([2, 4, 4], m)).toEqual([0.5, 0.25, 0.25]);
  });
});

describe('staking', () => {
  it('computes EV and Kelly (f* = (po − 1)/(o − 1))', () => {
    expect(expectedValue(0.55, 2)).toBeCloseTo(0.1, 14);
    expect(kellyStake(0.55, 2)).toBeCloseTo(0.1, 14);
    expect(kellyStake(0.55, 2, { fraction: 0.25 })).toBeCloseTo(0.025, 14);
    expect(kellyStake(0.55, 2, { cap: 0.05 })).toBe(0.05);
    expect(kellyStake(0.4, 2)).toBe(0);
    expect(() => kellyStake(1.2, 2)).toThrow(/probability/);
    expect(() => expectedValue(0.5, 0.9)).toThrow(/odds must be finite and > 1/);
  });
  it('Asian Kelly reduces to binary Kelly without pushes and maximises log growth otherwise', () => {
    const s = { win: 0.55, halfWin: 0, push: 0, halfLoss: 0, loss: 0.45 };
    expect(kellyStakeAsian(s, 2)).toBeCloseTo(kellyStake(0.55, 2), 9);
    const q = { win: 0.4, halfWin: 0.15, push: 0.1, halfLoss: 0.1, loss: 0.25 };
    const o = 1.95;
    expect(expectedValueAsian(q, o)).toBeCloseTo((0.4 + 0.075) * 0.95 - 0.25 - 0.05, 14);
    const f = kellyStakeAsian(q, o);
    const growth = (x: number) =>
      q.win * Math.log(1 + x * (o - 1)) + q.halfWin * Math.log(1 + (x * (o - 1)) / 2) + q.halfLoss * Math.log(1 - x / 2) + q.loss * Math.log(1 - x);
    expect(growth(f)).toBeGreaterThan(growth(f - 0.01));
    expect(growth(f)).toBeGreaterThan(growth(f + 0.01));
    expect(kellyStakeAsian({ win: 0.3, halfWin: 0, push: 0.2, halfLoss: 0, loss: 0.5 }, 1.9)).toBe(0);
  });
});
