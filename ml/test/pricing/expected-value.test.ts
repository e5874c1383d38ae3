import { describe, expect, it } from 'vitest';
import { expectedValue, expectedValueAsian, expectedValueWithPush, fairPrice } from '../../src/pricing/index.ts';

describe('expected value per unit staked', () => {
  it('plain bet: p·o − 1, and 0 at the fair price', () => {
    expect(expectedValue(0.5, 2.1)).toBeCloseTo(0.05, 15);
    expect(expectedValue(0.25, fairPrice(0.25))).toBe(0);
    expect(expectedValue(0, 3)).toBe(-1);
    expect(() => expectedValue(Number.NaN, 2)).toThrow(/probability/);
    expect(() => expectedValue(0.5, 1)).toThrow(/odds must be finite and > 1/);
  });

  it('with a push: win·(price − 1) − lose, the push contributing nothing', () => {
    // A whole line: 45 % win, 10 % push, 45 % lose at 2.05 → 0.45·1.05 − 0.45.
    expect(expectedValueWithPush(0.45, 0.45, 2.05)).toBeCloseTo(0.45 * 1.05 - 0.45, 15);
    // Without a push it is the plain EV.
    expect(expectedValueWithPush(0.55, 0.45, 2)).toBeCloseTo(expectedValue(0.55, 2), 15);
    // A certain push neither wins nor loses.
    expect(expectedValueWithPush(0, 0, 1.9)).toBe(0);
    // Zero at the fair price of the same side.
    expect(expectedValueWithPush(0.4, 0.5, fairPrice(0.4, 0.5))).toBeCloseTo(0, 15);
  });

  it('Asian lines: half-wins and half-losses settle half the stake', () => {
    const o = 1.9;
    // Home −0.25 with a draw: the draw half-loses.
    const s = { win: 0.45, halfWin: 0, push: 0, halfLoss: 0.27, loss: 0.28 };
    expect(expectedValueAsian(s, o)).toBeCloseTo(0.45 * 0.9 - 0.28 - 0.135, 15);
    // Home +0.25 with a draw: the draw half-wins.
    const h = { win: 0.45, halfWin: 0.27, push: 0, halfLoss: 0, loss: 0.28 };
    expect(expectedValueAsian(h, o)).toBeCloseTo((0.45 + 0.135) * 0.9 - 0.28, 15);
    // With only win / push / lose it is the push EV.
    const p = { win: 0.4, halfWin: 0, push: 0.2, halfLoss: 0, loss: 0.4 };
    expect(expectedValueAsian(p, o)).toBeCloseTo(expectedValueWithPush(0.4, 0.4, o), 15);
    // Zero at the fair price.
    expect(expectedValueAsian(s, fairPrice(s))).toBeCloseTo(0, 14);
    expect(() => expectedValueAsian(s, 0.5)).toThrow(/odds must be finite and > 1/);
  });
});
