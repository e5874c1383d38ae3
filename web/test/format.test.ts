import { describe, expect, it } from 'vitest';
import { decimalToAmerican, decimalToFractional, formatDayIn, formatKickoffIn, formatOdds, formatWhenIn, odds } from '../src/lib/format.ts';

describe('decimal odds as American odds', () => {
  it('is the profit on 100 staked for prices of evens or more, the stake that wins 100 below', () => {
    expect(decimalToAmerican(2.5)).toBe('+150');
    expect(decimalToAmerican(2)).toBe('+100');
    expect(decimalToAmerican(1.5)).toBe('-200');
    expect(decimalToAmerican(1.909091)).toBe('-110');
    expect(decimalToAmerican(1.25)).toBe('-400');
    expect(decimalToAmerican(11)).toBe('+1000');
    expect(decimalToAmerican(2.375)).toBe('+138'); // 137.5 rounds half up
  });
  it('has no American form for a price that cannot be a bet', () => {
    for (const d of [1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(decimalToAmerican(d)).toBe('—');
  });
});

describe('decimal odds as fractional odds', () => {
  it('is exact for prices on the conventional ladder', () => {
    expect(decimalToFractional(2.5)).toBe('6/4');
    expect(decimalToFractional(2)).toBe('1/1');
    expect(decimalToFractional(3)).toBe('2/1');
    expect(decimalToFractional(1.5)).toBe('1/2');
    expect(decimalToFractional(1.666667)).toBe('4/6'); // the traditional spelling of 2/3
    expect(decimalToFractional(1.909091)).toBe('10/11');
    expect(decimalToFractional(4.333333)).toBe('100/30');
    expect(decimalToFractional(11)).toBe('10/1');
    expect(decimalToFractional(34)).toBe('33/1');
  });
  it('is the nearest conventional fraction for any other price, never an odd exact one', () => {
    expect(decimalToFractional(2.48)).toBe('6/4'); // 37/25 exactly
    expect(decimalToFractional(1.95)).toBe('20/21'); // 19/20 exactly: nearest in ratio is 20/21 (0.952 vs 0.95)
    expect(decimalToFractional(2.9)).toBe('15/8'); // 19/10 exactly; 15/8 = 1.875 is nearer than 2/1
    expect(decimalToFractional(5000)).toBe('1000/1');
    expect(decimalToFractional(1.0001)).toBe('1/1000');
  });
  it('treats odds-on and odds-against alike: the reciprocal price gets the reciprocal fraction', () => {
    for (const [n, d] of [[6, 4], [9, 4], [11, 8], [7, 2], [100, 30]] as const) {
      const against = decimalToFractional(1 + n / d);
      const on = decimalToFractional(1 + d / n);
      const [an, ad] = against.split('/').map(Number);
      const [on_, od] = on.split('/').map(Number);
      expect(an! / ad!).toBeCloseTo(od! / on_!, 9);
    }
  });
  it('has no fractional form for a price that cannot be a bet', () => {
    for (const d of [1, 0, Number.NaN]) expect(decimalToFractional(d)).toBe('—');
  });
});

describe('a price in a format', () => {
  it('is decimal with two places, American or fractional', () => {
    expect(formatOdds(2.5, 'decimal')).toBe('2.50');
    expect(formatOdds(2.5, 'american')).toBe('+150');
    expect(formatOdds(2.5, 'fractional')).toBe('6/4');
  });
  it('is a dash for a side that cannot win, in every format', () => {
    for (const f of ['decimal', 'american', 'fractional'] as const) expect(formatOdds(Number.POSITIVE_INFINITY, f)).toBe('—');
  });
  it('is decimal while the page is rendered without preferences (server, hydration)', () => {
    expect(odds(2.5)).toBe('2.50');
  });
});

describe('times in a zone', () => {
  const d = new Date('2026-07-04T18:30:00Z');
  it('show the wall clock and the zone’s name, so a time is never ambiguous', () => {
    expect(formatKickoffIn(d, 'UTC')).toBe('Sat 04 Jul, 18:30 UTC');
    expect(formatKickoffIn(d, 'Europe/London')).toBe('Sat 04 Jul, 19:30 BST');
    expect(formatKickoffIn(d, 'America/New_York')).toBe('Sat 04 Jul, 14:30 GMT-4');
    expect(formatKickoffIn(d, 'Asia/Tokyo')).toBe('Sun 05 Jul, 03:30 GMT+9');
    expect(formatWhenIn(d, 'Australia/Sydney')).toBe('5 Jul 2026, 04:30 GMT+10');
  });
  it('put a moment on the calendar day of the zone: a 01:00 UTC game is the previous day in New York', () => {
    const late = new Date('2026-09-15T01:00:00Z');
    expect(formatDayIn(late, 'UTC')).toBe('2026-09-15');
    expect(formatDayIn(late, 'America/New_York')).toBe('2026-09-14');
  });
});
