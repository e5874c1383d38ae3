/**
 * Leakage-free summaries of a player's earlier games. Every function takes a row index i and walks the
 * `prev` chain of the weekly table (weekly.ts) starting at prev[i], so the game being predicted — and any
 * later game — can never contribute. A live (not yet played) game is simply a row whose stats are unknown.
 */
import type { WeeklyTable } from './weekly.ts';

/** Exponential weighting of past games: weight 0.5^(age / HALF_LIFE), age 0 = most recent. */
export const EWMA_HALF_LIFE = 4;
const EWMA_DECAY = Math.pow(0.5, 1 / EWMA_HALF_LIFE);
/** Games looked back over by the EWMA (weights beyond this are < 4%). */
export const EWMA_MAX_GAMES = 20;

const SCRATCH = new Float64Array(8);

/** Median of the first m entries of a (scratch) array; sorts them in place. */
function medianOf(a: Float64Array, m: number): number {
  const v = a.subarray(0, m).sort();
  return m % 2 ? v[(m - 1) >> 1]! : (v[m / 2 - 1]! + v[m / 2]!) / 2;
}

/** Names of the `HISTORY_COLUMNS` columns `historyBlock` writes, for a stat called `stat`. */
export function historyNames(stat: string): string[] {
  return [`${stat}_prev1`, `${stat}_mean3`, `${stat}_mean8`, `${stat}_mean16`, `${stat}_ewma`, `${stat}_season`, `${stat}_median8`];
}
/** Columns `historyBlock` writes per stat (the names from `historyNames`). */
export const HISTORY_COLUMNS = 7;
/** The long window: a steadier estimate of the player's level to shrink the short windows toward. */
const LONG_WINDOW = 16;

/**
 * Previous game, mean of the last 3, 8 and 16 games, EWMA over the last 20, season-to-date mean and the
 * median of the last 8 games (robust to one huge game) of `values` before row i, written to
 * out[offset..offset+HISTORY_COLUMNS). NaN when there is no earlier game (in that season,
 * for the season mean).
 */
export function historyBlock(t: WeeklyTable, values: Float64Array, i: number, out: Float64Array, offset: number): void {
  const season = t.season[i]!;
  let j = t.prev[i]!;
  let k = 0;
  let s3 = 0, s8 = 0, s16 = 0, ew = 0, ewW = 0, w = 1, ss = 0, sn = 0;
  let prev1 = NaN;
  let sameSeason = true;
  const last8 = SCRATCH;
  while (j >= 0 && (k < EWMA_MAX_GAMES || sameSeason)) {
    const v = values[j]!;
    if (k === 0) prev1 = v;
    if (k < 3) s3 += v;
    if (k < 8) {
      s8 += v;
      last8[k] = v;
    }
    if (k < LONG_WINDOW) s16 += v;
    if (k < EWMA_MAX_GAMES) {
      ew += w * v;
      ewW += w;
      w *= EWMA_DECAY;
    }
    if (sameSeason && t.season[j] === season) {
      ss += v;
      sn++;
    } else sameSeason = false;
    k++;
    j = t.prev[j]!;
  }
  out[offset] = prev1;
  out[offset + 1] = k > 0 ? s3 / Math.min(k, 3) : NaN;
  out[offset + 2] = k > 0 ? s8 / Math.min(k, 8) : NaN;
  out[offset + 3] = k > 0 ? s16 / Math.min(k, LONG_WINDOW) : NaN;
  out[offset + 4] = ewW > 0 ? ew / ewW : NaN;
  out[offset + 5] = sn > 0 ? ss / sn : NaN;
  out[offset + 6] = k > 0 ? medianOf(last8, Math.min(k, 8)) : NaN;
}

/** Mean of `values` over the player's last `k` games before row i (NaN when he has none). */
export function lastMean(t: WeeklyTable, values: Float64Array, i: number, k: number): number {
  let j = t.prev[i]!;
  let s = 0, c = 0;
  while (j >= 0 && c < k) {
    s += values[j]!;
    c++;
    j = t.prev[j]!;
  }
  return c > 0 ? s / c : NaN;
}

/** The player's last `k` values before row i, most recent first. */
export function lastValues(t: WeeklyTable, values: Float64Array, i: number, k: number): number[] {
  const out: number[] = [];
  let j = t.prev[i]!;
  while (j >= 0 && out.length < k) {
    out.push(values[j]!);
    j = t.prev[j]!;
  }
  return out;
}

/** Ratio of the sums of two stats over the last `k` games (e.g. yards per attempt); NaN if the denominator is 0. */
export function lastRatio(t: WeeklyTable, num: Float64Array, den: Float64Array, i: number, k: number): number {
  let j = t.prev[i]!;
  let a = 0, b = 0, c = 0;
  while (j >= 0 && c < k) {
    a += num[j]!;
    b += den[j]!;
    c++;
    j = t.prev[j]!;
  }
  return b > 0 ? a / b : NaN;
}

/** Games the player appears in before row i (all seasons) and within row i's season. */
export function gamesPlayed(t: WeeklyTable, i: number): { career: number; season: number } {
  let j = t.prev[i]!;
  let career = 0, season = 0;
  while (j >= 0) {
    career++;
    if (t.season[j] === t.season[i]) season++;
    j = t.prev[j]!;
  }
  return { career, season };
}
