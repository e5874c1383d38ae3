import { describe, expect, it } from 'vitest';
import { fastExp } from '../../src/gbdt/exp.ts';
import { lcg } from './data.ts';

describe('fastExp (table-driven exp of the link functions)', () => {
  it('is within 1e-15 relative of Math.exp over the range the objectives use', () => {
    const rand = lcg(11);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (rand() - 0.5) * (i % 2 ? 60 : 1399);
      const e = Math.exp(x);
      worst = Math.max(worst, Math.abs(fastExp(x) - e) / e);
    }
    for (let x = -40; x <= 40; x += 1 / 1024) worst = Math.max(worst, Math.abs(fastExp(x) - Math.exp(x)) / Math.exp(x));
    expect(worst).toBeLessThan(1e-15);
  });

  it('is exact where exp is exact and defers to Math.exp at the edges', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    for (const x of [-745, -700, 700, 709.7, 710, Infinity, -Infinity]) expect(fastExp(x)).toBe(Math.exp(x));
    expect(fastExp(NaN)).toBeNaN();
    expect(fastExp(Math.LN2 * 10)).toBeCloseTo(1024, 12);
  });
});
