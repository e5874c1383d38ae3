import { describe, expect, it } from 'vitest';
import { closingLineValue, fairClosingPrices } from '../../src/portfolio/index.ts';

// Multiplicative vig removal makes each fair price the closing price times the book's sum of 1/price:
// fair_i = 1/(π_i/Σπ) = price_i·Σπ. The expectations below use that identity, computed by hand.
describe('fairClosingPrices', () => {
  it('1X2: Pinnacle closing 2.00 / 3.50 / 4.00 → Σπ = 0.5 + 0.285714 + 0.25 = 1.035714', () => {
    const [h, d, a] = fairClosingPrices([2, 3.5, 4])!;
    expect(h).toBeCloseTo(2.071429, 6);
    expect(d).toBeCloseTo(3.625, 6);
    expect(a).toBeCloseTo(4.142857, 6);
  });

  it('two-way: over/under 1.90 / 2.00 → Σπ = 1.026316, fair over 1.95', () => {
    const [over, under] = fairClosingPrices([1.9, 2])!;
    expect(over).toBeCloseTo(1.95, 12);
    expect(under).toBeCloseTo(2.052632, 6);
  });

  it('is null for a missing or invalid price, a single price, and a quote without a positive margin', () => {
    expect(fairClosingPrices([1.9, null])).toBeNull();
    expect(fairClosingPrices([2, undefined, 4])).toBeNull();
    expect(fairClosingPrices([2, 1, 4])).toBeNull();
    expect(fairClosingPrices([1.9])).toBeNull();
    expect(fairClosingPrices([2.1, 2.1])).toBeNull();
    expect(fairClosingPrices([3, 3, 3])).toBeNull();
    expect(fairClosingPrices([3.2, 3.2, 3.2])).toBeNull();
  });
});

describe('closingLineValue', () => {
  it('price taken ÷ fair closing price − 1', () => {
    expect(closingLineValue(2.1, 2)).toBeCloseTo(0.05, 15);
    expect(closingLineValue(2.05, 1.95)).toBeCloseTo(0.051282, 6);
    expect(closingLineValue(1.9, 2)).toBeCloseTo(-0.05, 15);
  });

  it('refuses prices that are not decimal odds > 1', () => {
    expect(() => closingLineValue(1, 2)).toThrow(/CLV/);
    expect(() => closingLineValue(2, Number.NaN)).toThrow(/CLV/);
  });
});
