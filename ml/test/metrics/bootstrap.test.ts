import { describe, expect, it } from 'vitest';
import { clusterBootstrap, clusterIndex } from '../../src/metrics/index.ts';
import { createRng } from '../../src/numerics/rng.ts';

const weightedMean = (x: Float64Array) => (w: Float64Array) => {
  let s = 0, t = 0;
  for (let i = 0; i < x.length; i++) {
    s += w[i]! * x[i]!;
    t += w[i]!;
  }
  return s / t;
};

describe('cluster bootstrap', () => {
  const rng = createRng(3);
  const n = 2000;
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));

  it('with one row per cluster, gives the normal-theory 90 % interval of a mean (± 1.645 σ/√n)', () => {
    const iv = clusterBootstrap(Int32Array.from({ length: n }, (_, i) => i), weightedMean(x), { reps: 2000 });
    const half = (1.6449 * sd) / Math.sqrt(n);
    expect(iv.lo).toBeCloseTo(mean - half, 2);
    expect(iv.hi).toBeCloseTo(mean + half, 2);
  });

  it('widens by √(cluster size) when rows of a cluster are copies of each other (they carry one draw of information)', () => {
    const copies = 5;
    const rows = Float64Array.from({ length: n * copies }, (_, i) => x[Math.floor(i / copies)]!);
    const byCluster = clusterBootstrap(Int32Array.from({ length: n * copies }, (_, i) => Math.floor(i / copies)), weightedMean(rows), { reps: 2000 });
    const asIfIndependent = clusterBootstrap(Int32Array.from({ length: n * copies }, (_, i) => i), weightedMean(rows), { reps: 2000 });
    const width = (iv: { lo: number; hi: number }) => iv.hi - iv.lo;
    expect(width(byCluster) / width(asIfIndependent)).toBeGreaterThan(Math.sqrt(copies) * 0.9);
    expect(width(byCluster) / width(asIfIndependent)).toBeLessThan(Math.sqrt(copies) * 1.1);
  });

  it('is reproducible for a seed and rejects what it cannot resample', () => {
    const c = clusterIndex(['a', 'b', 'a', 'c']);
    expect(Array.from(c)).toEqual([0, 1, 0, 2]);
    const v = Float64Array.of(1, 2, 3, 4);
    expect(clusterBootstrap(c, weightedMean(v), { seed: 4 })).toEqual(clusterBootstrap(c, weightedMean(v), { seed: 4 }));
    expect(() => clusterBootstrap(Int32Array.of(0, 0), weightedMean(v))).toThrow(/two clusters/);
    expect(() => clusterBootstrap(c, weightedMean(v), { level: 1 })).toThrow(/level/);
  });
});
