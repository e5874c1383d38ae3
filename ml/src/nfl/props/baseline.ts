/**
 * The rolling-8 baseline every prop model is judged against: the player's mean over his previous 8 games
 * (fewer if he has fewer), the book-style line L = that mean rounded to the nearest .5, P(over L) = the
 * smoothed share of those games above L ((k + ½)/(n + 1), Krichevsky–Trofimov), and the 10–90% interval from
 * the empirical quantiles of those games.
 */
import type { MarketSpec } from './markets.ts';
import type { WeeklyTable } from './weekly.ts';

/** Games in the rolling baseline: the player's previous 8. */
export const BASELINE_GAMES = 8;

/** Rounds to the nearest half unit (a book-style line): 4.3 → 4.5, 4.2 → 4. */
export const roundToHalf = (x: number) => Math.round(x * 2) / 2;

export interface Baseline {
  mean: number;
  line: number;
  pOver: number;
  q10: number;
  q90: number;
}

/** Linear-interpolation quantile of a sorted sample (type 7, the numpy default). */
function sampleQuantile(sorted: readonly number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Baseline for row i from the outcomes of the player's previous games; null if he has none. */
export function baselineAt(spec: MarketSpec, t: WeeklyTable, i: number): Baseline | null {
  const past: number[] = [];
  let j = t.prev[i]!;
  while (j >= 0 && past.length < BASELINE_GAMES) {
    past.push(spec.outcome(t, j));
    j = t.prev[j]!;
  }
  if (past.length === 0) return null;
  const mean = past.reduce((s, v) => s + v, 0) / past.length;
  const line = spec.kind === 'binary' ? 0.5 : roundToHalf(mean);
  const over = past.filter((v) => v > line).length;
  past.sort((a, b) => a - b);
  return { mean, line, pOver: (over + 0.5) / (past.length + 1), q10: sampleQuantile(past, 0.1), q90: sampleQuantile(past, 0.9) };
}
