import { describe, expect, it } from 'vitest';
import { expectedValue, expectedValueAsian, kellyStake, kellyStakeAsian } from '../../src/pricing/index.ts';

describe('Kelly staking', () => {
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
