import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { impliedProbabilities, margin, removeVig, VIG_METHODS } from '../../src/pricing/index.ts';

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

describe('implied probabilities and margin', () => {
  it('are 1/odds and Σ 1/odds − 1', () => {
    expect(Array.from(impliedProbabilities([2, 4, 5]))).toEqual([0.5, 0.25, 0.2]);
    expect(margin([1.9, 1.9])).toBeCloseTo(2 / 1.9 - 1, 15);
    expect(margin([2.2, 2.2])).toBeLessThan(0);
    expect(() => impliedProbabilities([2, Infinity])).toThrow(/finite and > 1/);
  });
});
