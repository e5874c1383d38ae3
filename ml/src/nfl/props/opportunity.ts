/**
 * Opportunity and shrunk-efficiency summaries of a player's earlier games (leakage-free like rolling.ts: every
 * function starts at prev[i], and league priors only use rows of earlier weeks).
 *
 * - Volume share: the player's carries / targets / pass attempts over his last k games divided by his team's
 *   totals in those same games (the most stable driver of rushing yards and receptions in public prop models,
 *   e.g. the "opportunity" models of fantasy analytics: share × expected team volume).
 * - Efficiency shrunk toward the position's league rate (empirical Bayes with a beta/gamma-style prior of
 *   strength k in denominator units, Efron & Morris 1975): (Σ num + k·prior) / (Σ den + k) over every earlier
 *   game of the player, so a back with 30 carries at 6.0 yards per carry is pulled most of the way to the
 *   league's ≈ 4.2 and one with 600 carries keeps his own rate.
 */
import { positionGroup, TEAM_OFFENSE_NAMES, type TeamRolling } from './team-games.ts';
import type { StatName, WeeklyTable } from './weekly.ts';

/** Index of a team total in TeamRolling.game(). */
export const teamTotal = (name: 'team_attempts' | 'team_carries' | 'team_targets') => TEAM_OFFENSE_NAMES.indexOf(name);

/**
 * Σ player stat / Σ team total over the player's last k games before row i (the team is the one he played for
 * in each game); NaN without earlier games or when the team total is 0.
 */
export function volumeShare(t: WeeklyTable, teams: TeamRolling, values: Float64Array, total: number, i: number, k: number): number {
  let j = t.prev[i]!;
  let a = 0, b = 0, c = 0;
  while (j >= 0 && c < k) {
    const g = teams.game(t.team[j]!, t.time[j]!);
    if (g) {
      a += values[j]!;
      b += g[total]!;
    }
    c++;
    j = t.prev[j]!;
  }
  return b > 0 ? a / b : NaN;
}

/** Sums of two stats over every earlier game of the player (his whole history in the table). */
export function careerSums(t: WeeklyTable, num: Float64Array, den: Float64Array, i: number): [number, number] {
  let j = t.prev[i]!;
  let a = 0, b = 0;
  while (j >= 0) {
    a += num[j]!;
    b += den[j]!;
    j = t.prev[j]!;
  }
  return [a, b];
}

/**
 * League rate Σ num / Σ den of one position group over all rows of weeks strictly before `time`
 * (cumulative per week; memoised per table and stat pair). NaN before `MIN_PRIOR_DENOMINATOR` is reached.
 */
export interface LeaguePrior {
  rate(group: string, time: number): number;
}
const MIN_PRIOR_DENOMINATOR = 200;
const PRIORS = new WeakMap<WeeklyTable, Map<string, LeaguePrior>>();

/**
 * The league-rate prior Σ num / Σ den by position group over earlier weeks, memoised per table and stat pair (the
 * mean the shrunk efficiencies move toward).
 */
export function leaguePrior(t: WeeklyTable, num: StatName, den: StatName): LeaguePrior {
  let byStat = PRIORS.get(t);
  if (!byStat) PRIORS.set(t, (byStat = new Map()));
  const key = `${num}/${den}`;
  const hit = byStat.get(key);
  if (hit) return hit;
  // Per group: per week, sums of that week's rows; then prefix sums so rate(time) covers weeks < time.
  const weekly = new Map<string, Map<number, [number, number]>>();
  const n = t.stats[num], d = t.stats[den];
  for (let i = 0; i < t.n; i++) {
    const a = n[i]!, b = d[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue; // live rows
    const g = positionGroup(t.position[i]!);
    let m = weekly.get(g);
    if (!m) weekly.set(g, (m = new Map()));
    const s = m.get(t.time[i]!) ?? [0, 0];
    s[0] += a;
    s[1] += b;
    m.set(t.time[i]!, s);
  }
  const series = new Map<string, { times: Int32Array; num: Float64Array; den: Float64Array }>();
  for (const [g, m] of weekly) {
    const times = Int32Array.from([...m.keys()].sort((x, y) => x - y));
    const cn = new Float64Array(times.length + 1), cd = new Float64Array(times.length + 1);
    for (let k = 0; k < times.length; k++) {
      const [a, b] = m.get(times[k]!)!;
      cn[k + 1] = cn[k]! + a;
      cd[k + 1] = cd[k]! + b;
    }
    series.set(g, { times, num: cn, den: cd });
  }
  const prior: LeaguePrior = {
    rate(group, time) {
      const s = series.get(group);
      if (!s) return NaN;
      let lo = 0, hi = s.times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (s.times[mid]! < time) lo = mid + 1;
        else hi = mid;
      }
      return s.den[lo]! >= MIN_PRIOR_DENOMINATOR ? s.num[lo]! / s.den[lo]! : NaN;
    },
  };
  byStat.set(key, prior);
  return prior;
}

/**
 * Empirical-Bayes efficiency of row i's player: (Σ num + k·prior) / (Σ den + k) over all his earlier games,
 * the prior being his position group's league rate before row i's week. NaN when the prior is unknown.
 */
export function shrunkRate(t: WeeklyTable, num: StatName, den: StatName, k: number, i: number): number {
  const p = leaguePrior(t, num, den).rate(positionGroup(t.position[i]!), t.time[i]!);
  if (!Number.isFinite(p)) return NaN;
  const [a, b] = careerSums(t, t.stats[num], t.stats[den], i);
  return (a + k * p) / (b + k);
}

/** Number of entries of an ascending array strictly below x. */
function countBelow(a: Int32Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Availability before row i, from the schedule of the player's current team: how many of that team's games
 * since the player's previous game he missed (0 = he played the team's last game; a player back from an
 * injury or a benching is often eased in; NaN without an earlier game), and how many of the team's last `k`
 * games he missed.
 */
export function gamesMissed(t: WeeklyTable, teams: TeamRolling, i: number, k: number): [number, number] {
  const sched = teams.gameTimes(t.team[i]!);
  const now = countBelow(sched, t.time[i]!);
  const j = t.prev[i]!;
  const sinceLast = j < 0 ? NaN : now - countBelow(sched, t.time[j]! + 1);
  const from = Math.max(0, now - k);
  let played = 0;
  for (let p = j; p >= 0 && t.time[p]! >= sched[from]!; p = t.prev[p]!) if (t.team[p] === t.team[i]) played++;
  return [Math.max(0, sinceLast), now - from - played];
}
