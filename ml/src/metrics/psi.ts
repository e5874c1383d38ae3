/**
 * Population stability index (PSI) of a feature between its training distribution and live rows:
 * PSI = Σ_b (a_b − e_b) · ln(a_b / e_b) over bins b, with e_b the training share and a_b the live share of bin b
 * (Siddiqi, "Credit Risk Scorecards", 2006, ch. 8; the symmetric Kullback–Leibler divergence of the binned
 * distributions). Bins are the training deciles (cut points from the training values themselves, so each
 * holds about a tenth of the training rows) plus one bin for missing values, because a feed that stops sending a
 * column shows up as a jump in "missing" before anything else.
 *
 * Conventions (Siddiqi; also Yurdakul 2018, "Statistical properties of the population stability index"):
 * PSI < 0.1 no significant shift, 0.1 ≤ PSI < 0.25 a moderate shift worth a look, ≥ 0.25 a significant shift.
 * They were set for samples of thousands. A week of one prop market is ~60 live rows, where PSI of an unchanged
 * law is already ≈ (k − 1)(1/n + 1/N) (k occupied bins; Yurdakul's χ² approximation — 0.16 at n = 57, N = 5000,
 * confirmed by simulation), so the levels apply to the EXCESS over that sampling expectation (`psiExpected`), and the
 * live shares get half a row per bin (Jeffreys' prior) so one empty bin in a small week does not read as a shift.
 */
import type { DenseMatrix } from '../gbdt/types.ts';

/** PSI levels by convention (see the file comment): `warn` from 0.1, `alert` from 0.25. */
export const PSI_THRESHOLDS = { warn: 0.1, alert: 0.25 } as const;

/** How far a monitored figure has moved: `ok`, `warn` (look at it), `alert` (act on it). */
export type DriftLevel = 'ok' | 'warn' | 'alert';

/**
 * A share below this is floored before the logarithm: an empty bin on one side would otherwise make PSI infinite.
 * 1e-4 is the usual floor (one row in ten thousand); it caps one empty bin's term at about (share)·ln(share/1e-4).
 */
export const PSI_EPSILON = 1e-4;

/** The training distribution of every feature: cut points per feature and the training share of each bin. */
export interface FeatureProfile {
  /** Feature names, in the model's column order. */
  names: string[];
  /**
   * Per feature, increasing cut points c_0 < c_1 < …: bin 0 is x ≤ c_0, bin i is c_{i−1} < x ≤ c_i, bin
   * `edges.length` is x > the last cut point; then one more bin for missing values (NaN).
   */
  edges: number[][];
  /** Per feature, the training share of each bin (edges.length + 2 numbers summing to 1). */
  shares: number[][];
  /** Training rows profiled. */
  n: number;
}

/** The bin of `x` under cut points `edges` (see FeatureProfile.edges); NaN goes to the missing bin. */
export function binOf(edges: readonly number[], x: number): number {
  if (x !== x) return edges.length + 1;
  let lo = 0;
  let hi = edges.length; // first index with edges[i] >= x, or edges.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Cut points of `values` at the quantiles k/bins (k = 1 … bins − 1) of the non-missing values, duplicates
 * removed: a binary feature gets one cut point (two bins), a constant one none (one bin).
 */
export function quantileEdges(values: ArrayLike<number>, bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError('psi: bins must be an integer ≥ 2');
  const finite = Float64Array.from(Array.prototype.filter.call(values, (v: number) => v === v) as number[]).sort();
  if (finite.length === 0) return [];
  const out: number[] = [];
  for (let k = 1; k < bins; k++) {
    // The lower empirical quantile: the value at rank ⌈k·n/bins⌉ (1-based), so bin k−1 holds x ≤ it.
    const v = finite[Math.max(0, Math.ceil((k * finite.length) / bins) - 1)]!;
    if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  }
  // The largest value needs no cut point of its own: x > last cut point is the last bin.
  if (out.length > 0 && out[out.length - 1] === finite[finite.length - 1]) out.pop();
  return out;
}

/** Shares of `values` in the bins of `edges` (edges.length + 2 numbers, the last for missing; zeros when empty). */
export function binShares(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i]!)]!++;
  return values.length > 0 ? counts.map((c) => c / values.length) : counts;
}

/** Column j of a row-major dense matrix. */
function column(X: DenseMatrix, j: number): Float64Array {
  const out = new Float64Array(X.rows);
  for (let r = 0; r < X.rows; r++) out[r] = X.values[r * X.cols + j]!;
  return out;
}

/**
 * The training profile of every column of `X` (decile cut points and shares, a missing bin): stored with a model
 * version so its live rows can be compared with what it was trained on.
 */
export function featureProfile(X: DenseMatrix, names: readonly string[], bins = 10): FeatureProfile {
  if (names.length !== X.cols) throw new RangeError(`psi: ${names.length} names for ${X.cols} columns`);
  const edges: number[][] = [];
  const shares: number[][] = [];
  for (let j = 0; j < X.cols; j++) {
    const v = column(X, j);
    const e = quantileEdges(v, bins);
    edges.push(e);
    shares.push(binShares(e, v));
  }
  return { names: [...names], edges, shares, n: X.rows };
}

/** PSI between training shares `expected` and live shares `actual` of the same bins (floored at PSI_EPSILON). */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length) throw new RangeError('psi: expected and actual have different bins');
  let s = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = Math.max(expected[b]!, PSI_EPSILON);
    const a = Math.max(actual[b]!, PSI_EPSILON);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/**
 * PSI an unchanged law shows between a training sample of `trainRows` and a live sample of `liveRows` over the bins
 * the training values occupy (`shares`): (k − 1)(1/n + 1/N), the mean of its χ² approximation.
 */
export function psiExpected(shares: readonly number[], liveRows: number, trainRows: number): number {
  const k = shares.filter((s) => s > 0).length;
  return liveRows > 0 && trainRows > 0 ? Math.max(0, k - 1) * (1 / liveRows + 1 / trainRows) : 0;
}

/** Live shares with half a row added to each bin (Jeffreys' prior): what a small sample says about each bin. */
function smoothedShares(edges: readonly number[], values: ArrayLike<number>): number[] {
  const bins = edges.length + 2;
  return binShares(edges, values).map((s) => (s * values.length + 0.5) / (values.length + 0.5 * bins));
}

/** A feature's PSI against live rows, the PSI no drift would show at this sample, and the level of the excess. */
export interface FeaturePsi {
  feature: string;
  psi: number;
  /** psiExpected at these sample sizes: what the same law shows by sampling alone. */
  expected: number;
  /** psiLevel of psi − expected (the file comment). */
  level: DriftLevel;
}

/** PSI of each profiled feature against live rows (`rows`: one array per row, in the profile's column order; null = missing). */
export function psiByFeature(profile: FeatureProfile, rows: ReadonlyArray<ReadonlyArray<number | null>>): FeaturePsi[] {
  return profile.names.map((feature, j) => {
    const v = Float64Array.from(rows, (r) => {
      const x = r[j];
      return x === null || x === undefined ? NaN : x;
    });
    const shares = profile.shares[j]!;
    const value = psi(shares, smoothedShares(profile.edges[j]!, v));
    const expected = psiExpected(shares, rows.length, profile.n);
    return { feature, psi: value, expected, level: psiLevel(value - expected) };
  });
}

/** The conventional level of a PSI value (PSI_THRESHOLDS); pass the excess over psiExpected for small samples. */
export function psiLevel(value: number): DriftLevel {
  return value >= PSI_THRESHOLDS.alert ? 'alert' : value >= PSI_THRESHOLDS.warn ? 'warn' : 'ok';
}
