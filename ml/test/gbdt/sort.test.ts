import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '../../src/gbdt/sort.ts';
import { lcg } from './data.ts';

describe('sortFloat64 (radix sort of the quantile sketch)', () => {
  const special = [0, -0, 1, -1, Infinity, -Infinity, 5e-324, -5e-324, 1e300, -1e300, 2.5, -2.5, Number.MAX_VALUE, -Number.MIN_VALUE];

  it('orders exactly like TypedArray#sort (−0 before +0, infinities, subnormals, duplicates), short and long', () => {
    const rand = lcg(7);
    for (const n of [0, 1, 17, 4095, 4096, 10_000, 65_536]) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rand();
        // A mix of wide-range values, values in a narrow range (same high digits) and special values.
        a[i] = u < 0.1 ? special[i % special.length]! : u < 0.5 ? (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20) : 3 + rand();
      }
      const expected = a.slice().sort();
      const got = sortFloat64(a.slice());
      expect(got.length).toBe(n);
      for (let i = 0; i < n; i++) if (!Object.is(got[i], expected[i])) expect([i, got[i]]).toEqual([i, expected[i]]);
    }
  });

  it('sorts a subarray in place without touching its neighbours', () => {
    const rand = lcg(8);
    const buf = new Float64Array(3 * 5000).map(() => rand() - 0.5);
    const before = buf.slice();
    const mid = buf.subarray(5000, 10_000);
    expect(sortFloat64(mid)).toBe(mid);
    expect(Array.from(buf.subarray(0, 5000))).toEqual(Array.from(before.subarray(0, 5000)));
    expect(Array.from(buf.subarray(10_000))).toEqual(Array.from(before.subarray(10_000)));
    expect(Array.from(mid)).toEqual(Array.from(before.subarray(5000, 10_000).sort()));
  });
});
