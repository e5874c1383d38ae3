/**
 * A histogram with fixed-width bins, for the distribution of closing-line value: bins [from, to) from `min` to
 * `max` in steps of `width`, plus an open bin below `min` and one at or above `max` (from/to null = unbounded).
 * Edges are computed on an integer grid and rounded to 1e-9, so 0.04 is an edge, not 0.039999999999999994.
 */

/** One bin: values v with from ≤ v < to (a null bound is unbounded) and how many fell in it. */
export interface HistogramBin {
  from: number | null;
  to: number | null;
  count: number;
}

/** Where the bins lie: `min` < `max`, `width` > 0 dividing max − min into at most 1,000 bins. */
export interface HistogramOptions {
  min: number;
  max: number;
  width: number;
}

/** CLV bins: −20% to +20% in steps of 2% (22 bins with the two open ones). */
export const CLV_HISTOGRAM: HistogramOptions = { min: -0.2, max: 0.2, width: 0.02 };

const snap = (x: number) => Math.round(x * 1e9) / 1e9;

/** Counts `values` (non-finite ones ignored) into the bins of `options`. */
export function histogram(values: readonly number[], options: HistogramOptions = CLV_HISTOGRAM): HistogramBin[] {
  const { min, max, width } = options;
  const n = Math.round((max - min) / width);
  if (!(width > 0) || !(max > min) || n < 1 || n > 1000 || Math.abs(n * width - (max - min)) > 1e-9) {
    throw new RangeError(`histogram: need min < max and a width dividing max − min into 1..1000 bins, got ${min}, ${max}, ${width}`);
  }
  const edges = Array.from({ length: n + 1 }, (_, i) => snap(min + i * width));
  const bins: HistogramBin[] = [
    { from: null, to: edges[0]!, count: 0 },
    ...edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]!, count: 0 })),
    { from: edges[n]!, to: null, count: 0 },
  ];
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let i = 0;
    while (i < edges.length && v >= edges[i]!) i++;
    bins[i]!.count++;
  }
  return bins;
}
