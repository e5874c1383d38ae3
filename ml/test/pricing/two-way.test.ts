import { describe, expect, it } from 'vitest';
import { margin, priceTwoWay, removeVig } from '../../src/pricing/index.ts';

describe('priceTwoWay', () => {
  it('prices a quote: its margin and the multiplicative margin-free pair, equal to margin/removeVig to the bit', () => {
    for (const [a, b] of [[1.91, 1.91], [1.5, 2.6], [1.05, 12], [2.02, 1.87]] as const) {
      const q = priceTwoWay(a, b);
      expect(q.margin).toBe(margin([a, b]));
      expect(q.fair).toEqual(removeVig([a, b], 'multiplicative'));
      expect(q.fair![0] + q.fair![1]).toBeCloseTo(1, 15);
    }
    const q = priceTwoWay(1.91, 1.91);
    expect(q.margin).toBeCloseTo(2 / 1.91 - 1, 15);
    expect(q.fair).toEqual([0.5, 0.5]);
  });

  it('has no margin when a side is missing', () => {
    expect(priceTwoWay(1.9, null)).toEqual({ margin: null, fair: null });
    expect(priceTwoWay(undefined, 1.9)).toEqual({ margin: null, fair: null });
    expect(priceTwoWay(null, undefined)).toEqual({ margin: null, fair: null });
  });

  it('has no fair pair when the margin is zero or negative (arbitrage, stale sides) — it does not throw', () => {
    const zero = priceTwoWay(2, 2);
    expect(zero.margin).toBe(0);
    expect(zero.fair).toBeNull();
    const negative = priceTwoWay(2.2, 2.2);
    expect(negative.margin).toBeLessThan(0);
    expect(negative.fair).toBeNull();
  });
});
