import { describe, expect, it } from 'vitest';
import { currencyDecimals, parseMinorUnits, priceMicros, profitMinor, profitPerUnit, roundHalfAwayFromZero, toMajorUnits } from '../../src/portfolio/index.ts';

describe('profitMinor — P&L in whole minor units, exact, rounded half away from zero', () => {
  it('the five results at 1.90 on 10.00 (1000 cents)', () => {
    expect(profitMinor(1000, 1.9, 'won')).toBe(900);
    expect(profitMinor(1000, 1.9, 'half_won')).toBe(450);
    expect(profitMinor(1000, 1.9, 'push')).toBe(0);
    expect(profitMinor(1000, 1.9, 'void')).toBe(0);
    expect(profitMinor(1000, 1.9, 'half_lost')).toBe(-500);
    expect(profitMinor(1000, 1.9, 'lost')).toBe(-1000);
  });

  it('is exact where binary floating point is not: 1.15 × 100 is 114.99999999999999 in doubles', () => {
    expect(1.15 * 100).not.toBe(115);
    expect(profitMinor(100, 1.15, 'won')).toBe(15);
    expect(profitMinor(100_000, 1.001, 'won')).toBe(100);
  });

  it('rounds halves away from zero, as Postgres round(numeric)', () => {
    // 1001 at 1.95: won 1001 × 0.95 = 950.95 → 951; half won 475.475 → 475; half lost −500.5 → −501.
    expect(profitMinor(1001, 1.95, 'won')).toBe(951);
    expect(profitMinor(1001, 1.95, 'half_won')).toBe(475);
    expect(profitMinor(1001, 1.95, 'half_lost')).toBe(-501);
    // 10 at 1.05: won 0.5 → 1; 10 at 1.1 half won: 0.5 → 1; 3 at 1.5 won: 1.5 → 2.
    expect(profitMinor(10, 1.05, 'won')).toBe(1);
    expect(profitMinor(10, 1.1, 'half_won')).toBe(1);
    expect(profitMinor(3, 1.5, 'won')).toBe(2);
  });

  it('counts a price to 6 decimals (American −110 = 1.909091)', () => {
    expect(priceMicros(1 + 100 / 110)).toBe(1_909_091n);
    expect(profitMinor(1_000_000, 1 + 100 / 110, 'won')).toBe(909_091);
    // Large stakes stay exact (beyond 2^53 in the intermediate product).
    // 9e12 × 986.654321 = 8 879 888 889 000 000 (the product 9e12 × 986 654 321 is ~8.9e21).
    expect(profitMinor(9_000_000_000_000, 987.654321, 'won')).toBe(8_879_888_889_000_000);
  });

  it('rejects a stake that is not a positive whole number and a price ≤ 1', () => {
    for (const s of [0, -5, 1.5, Number.NaN, 2 ** 60]) expect(() => profitMinor(s, 2, 'won')).toThrow(/stake/);
    for (const p of [1, 0.5, 1.0000001, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => profitMinor(100, p, 'won')).toThrow(/price/);
  });

  it('profitPerUnit is the unrounded counterpart', () => {
    expect(profitPerUnit('won', 2.5)).toBe(1.5);
    expect(profitPerUnit('half_won', 2.5)).toBe(0.75);
    expect(profitPerUnit('half_lost', 2.5)).toBe(-0.5);
    expect(profitPerUnit('push', 2.5)).toBe(0);
    expect(profitPerUnit('lost', 2.5)).toBe(-1);
  });

  it('roundHalfAwayFromZero', () => {
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(roundHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(roundHalfAwayFromZero(-7n, 3n)).toBe(-2n);
  });
});

describe('amounts as text ↔ minor units', () => {
  it('parses exactly, with up to the allowed decimals', () => {
    expect(parseMinorUnits('10', 2)).toBe(1000);
    expect(parseMinorUnits('2.5', 4)).toBe(25_000);
    expect(parseMinorUnits('0.1', 2)).toBe(10);
    expect(parseMinorUnits('.75', 2)).toBe(75);
    expect(parseMinorUnits('-0.75', 2)).toBe(-75);
    expect(parseMinorUnits('12.300', 2)).toBe(1230);
    expect(parseMinorUnits(' 7 ', 0)).toBe(7);
    expect(parseMinorUnits('-0', 2)).toBe(0);
  });

  it('refuses what is not a plain decimal or has too many decimals', () => {
    for (const t of ['', 'abc', '1e3', '1,5', '1.2.3', '0x10']) expect(() => parseMinorUnits(t, 2)).toThrow(/not a decimal amount/);
    expect(() => parseMinorUnits('1.005', 2)).toThrow('"1.005" has more than 2 decimal place(s)');
    expect(() => parseMinorUnits('99999999999999999', 2)).toThrow(/too large/);
  });

  it('toMajorUnits and currency decimals', () => {
    expect(toMajorUnits(1050, 2)).toBe(10.5);
    expect(toMajorUnits(9170, 4)).toBe(0.917);
    expect(currencyDecimals('EUR')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(() => currencyDecimals('euro')).toThrow(/ISO 4217/);
  });
});
