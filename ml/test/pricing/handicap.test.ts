import { describe, expect, it } from 'vitest';
import { flipHandicap } from '../../src/pricing/index.ts';

describe('flipHandicap', () => {
  it('turns a home handicap into the home margin line and the away handicap, and back', () => {
    expect(flipHandicap(-3)).toBe(3); // home −3 = home favoured by 3 = margin line +3 = away +3
    expect(flipHandicap(7.5)).toBe(-7.5);
    expect(flipHandicap(-0.25)).toBe(0.25);
    for (const h of [-14, -3.5, -0.5, 0.5, 3, 10.5]) expect(flipHandicap(flipHandicap(h))).toBe(h);
  });

  it('normalises a pick\'em to 0, never −0, from either zero', () => {
    expect(Object.is(flipHandicap(0), 0)).toBe(true);
    expect(Object.is(flipHandicap(-0), 0)).toBe(true);
    expect(Object.is(-0, 0)).toBe(false); // why it matters: a bare −x would give −0
  });

  it('leaves a non-finite line non-finite (NaN stays NaN)', () => {
    expect(flipHandicap(Number.NaN)).toBeNaN();
  });
});
