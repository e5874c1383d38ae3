import { describe, expect, it } from 'vitest';
import { expectedValueWithPush, fairPrice } from '../../src/pricing/index.ts';

describe('fairPrice', () => {
  it('win or lose: 1/p, Infinity when the side cannot win, a probability outside [0, 1] rejected', () => {
    expect(fairPrice(0.5)).toBe(2);
    expect(fairPrice(0.37)).toBe(1 / 0.37);
    expect(fairPrice(1)).toBe(1);
    expect(fairPrice(0)).toBe(Infinity);
    expect(() => fairPrice(1.01)).toThrow(/probability/);
    expect(() => fairPrice(Number.NaN)).toThrow(/probability/);
  });

  it('with a push: (win + lose)/win — the refund lowers the price below 1/win', () => {
    expect(fairPrice(0.45, 0.45)).toBe(2);
    expect(fairPrice(0.45, 0.45)).toBeLessThan(1 / 0.45);
    expect(fairPrice(0.3, 0.6)).toBeCloseTo(3, 14);
    // Without a push it equals the plain fair price.
    expect(fairPrice(0.25, 0.75)).toBe(fairPrice(0.25));
    // Zero expected value there.
    expect(expectedValueWithPush(0.3, 0.6, fairPrice(0.3, 0.6))).toBeCloseTo(0, 15);
    // The arithmetic the callers always used, to the bit (commutative sum for the other side).
    const over = 0.4123, under = 0.5311;
    expect(fairPrice(over, under)).toBe((over + under) / over);
    expect(fairPrice(under, over)).toBe((over + under) / under);
  });

  it('with a push: Infinity when the side cannot win (a line it can only push or lose)', () => {
    expect(fairPrice(0, 0.9)).toBe(Infinity);
    expect(fairPrice(0, 0)).toBe(Infinity);
  });

  it('Asian lines: 1 + (loss + halfLoss/2)/(win + halfWin/2)', () => {
    const s = { win: 0.45, halfWin: 0.1, push: 0.05, halfLoss: 0.1, loss: 0.3 };
    expect(fairPrice(s)).toBe(1 + (0.3 + 0.05) / (0.45 + 0.05));
    // A half win counts half: +0.25 on a 0.5/0.5 draw split beats the plain line.
    expect(fairPrice({ win: 0.4, halfWin: 0.2, push: 0, halfLoss: 0, loss: 0.4 })).toBeCloseTo(1 + 0.4 / 0.5, 15);
    // Reduces to the push form without half settlements, and to 1/p without pushes.
    expect(fairPrice({ win: 0.4, halfWin: 0, push: 0.2, halfLoss: 0, loss: 0.4 })).toBeCloseTo(fairPrice(0.4, 0.4), 15);
    expect(fairPrice({ win: 0.25, halfWin: 0, push: 0, halfLoss: 0, loss: 0.75 })).toBeCloseTo(4, 15);
    // A side that can neither win nor half-win.
    expect(fairPrice({ win: 0, halfWin: 0, push: 0.3, halfLoss: 0.2, loss: 0.5 })).toBe(Infinity);
  });
});
