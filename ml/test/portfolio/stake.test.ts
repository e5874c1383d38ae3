import { describe, expect, it } from 'vitest';
import { suggestStake } from '../../src/portfolio/index.ts';

describe('suggestStake', () => {
  // p = 0.55 at 2.00: full Kelly f* = (0.55·2 − 1)/(2 − 1) = 0.10 of the bankroll.
  it('full / half / quarter Kelly, capped, in whole minor units rounded down', () => {
    expect(suggestStake({ probability: 0.55, price: 2, bankroll: 100_000, fraction: 'quarter' })).toEqual({ fractionOfBankroll: 0.025000000000000022, stake: 2500, capped: false });
    expect(suggestStake({ probability: 0.55, price: 2, bankroll: 100_000, fraction: 'half', cap: 0.2 }).stake).toBe(5000);
    expect(suggestStake({ probability: 0.55, price: 2, bankroll: 100_000, fraction: 'full' })).toEqual({ fractionOfBankroll: 0.05, stake: 5000, capped: true });
    expect(suggestStake({ probability: 0.55, price: 2, bankroll: 100_000, fraction: 'full', cap: 1 }).stake).toBe(10_000);
    expect(suggestStake({ probability: 0.55, price: 2, bankroll: 99_999 }).stake).toBe(2499);
  });

  it('suggests nothing without an edge', () => {
    expect(suggestStake({ probability: 0.45, price: 2, bankroll: 100_000 })).toEqual({ fractionOfBankroll: 0, stake: 0, capped: false });
  });

  it('uses the settlement probabilities of a quarter line (Asian Kelly)', () => {
    const s = { win: 0.45, halfWin: 0.2, push: 0, halfLoss: 0, loss: 0.35 };
    const quarter = suggestStake({ probability: s, price: 1.95, bankroll: 100_000, cap: 1 });
    const full = suggestStake({ probability: s, price: 1.95, bankroll: 100_000, fraction: 'full', cap: 1 });
    expect(quarter.stake).toBeGreaterThan(0);
    expect(quarter.fractionOfBankroll).toBeCloseTo(full.fractionOfBankroll / 4, 12);
  });

  it('refuses a bad bankroll, cap or fraction', () => {
    expect(() => suggestStake({ probability: 0.55, price: 2, bankroll: 0 })).toThrow(/minor units/);
    expect(() => suggestStake({ probability: 0.55, price: 2, bankroll: 100, cap: 2 })).toThrow(/cap/);
    expect(() => suggestStake({ probability: 0.55, price: 2, bankroll: 100, fraction: 'tenth' as 'full' })).toThrow(/fraction/);
    expect(() => suggestStake({ probability: 1.2, price: 2, bankroll: 100 })).toThrow(/probability/);
  });
});
