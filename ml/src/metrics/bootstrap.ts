/**
 * Percentile intervals by the cluster bootstrap (Efron & Tibshirani 1993, ch. 13; Cameron, Gelbach & Miller
 * 2008 for resampling whole clusters): rows of one cluster — e.g. one player's games in a season — are not
 * independent (the same player's bias repeats), so clusters are drawn with replacement and every row of a drawn
 * cluster enters with it. The statistic is evaluated on row weights (how many times each row's cluster was
 * drawn), so no resampled copy of the data is built.
 */
import { createRng } from '../numerics/rng.ts';

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * @param cluster cluster index of each row, 0…k−1
 * @param statistic value of the statistic for row weights `w` (w[i] ≥ 0, integers)
 * @param level central coverage of the interval (0.9 → 5th and 95th percentiles)
 */
export function clusterBootstrap(
  cluster: Int32Array, statistic: (w: Float64Array) => number, { reps = 1000, level = 0.9, seed = 1 }: { reps?: number; level?: number; seed?: number } = {},
): Interval {
  const n = cluster.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!(cluster[i]! >= 0)) throw new RangeError('bootstrap: cluster indices must be ≥ 0');
    k = Math.max(k, cluster[i]! + 1);
  }
  if (k < 2) throw new RangeError('bootstrap: needs at least two clusters');
  if (!(level > 0 && level < 1)) throw new RangeError('bootstrap: level must be in (0, 1)');
  const rng = createRng(seed);
  const draws = new Float64Array(k);
  const w = new Float64Array(n);
  const stats = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    draws.fill(0);
    for (let j = 0; j < k; j++) draws[rng.int(k)]! += 1;
    for (let i = 0; i < n; i++) w[i] = draws[cluster[i]!]!;
    stats[r] = statistic(w);
  }
  stats.sort();
  const at = (q: number) => stats[Math.min(reps - 1, Math.max(0, Math.round(q * (reps - 1))))]!;
  return { lo: at((1 - level) / 2), hi: at(1 - (1 - level) / 2) };
}

/** Cluster indices 0…k−1 for a list of keys (first-seen order). */
export function clusterIndex(keys: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(keys, (key) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
}
