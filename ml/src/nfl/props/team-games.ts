/**
 * Team-level rolling context built from the weekly player file: a team's own volume (pass attempts, carries,
 * targets) and what each defence allowed to each position group, averaged over that team's previous
 * `TEAM_WINDOW` games (or `LONG_TEAM_WINDOW`, per call; across seasons). Only games strictly before the given
 * week enter the average.
 */
import type { StatName, WeeklyTable } from './weekly.ts';

/** Games in a team's rolling volume and defence by default: its previous 8. */
export const TEAM_WINDOW = 8;
/**
 * The passing and rushing families read team volume and opponent defence over 16 games: on the folds (third
 * pass, bench/props/README.md) the longer, less noisy average raised Δmae of passing and rushing yards by
 * ≈ 0.3–0.4 points over 8 seeds, while the receiving family was flat to worse and keeps `TEAM_WINDOW`.
 */
export const LONG_TEAM_WINDOW = 16;
const EMPTY = new Int32Array(0);

export type PositionGroup = 'QB' | 'RB' | 'WR' | 'TE' | 'OTHER';

/** The position group of a roster position: QB, RB (also HB, FB), WR, TE, else OTHER. */
export function positionGroup(position: string): PositionGroup {
  if (position === 'QB') return 'QB';
  if (position === 'RB' || position === 'HB' || position === 'FB') return 'RB';
  if (position === 'WR') return 'WR';
  if (position === 'TE') return 'TE';
  return 'OTHER';
}

/** Offensive aggregates per team-game (sums over the team's players). */
const OFFENSE: ReadonlyArray<[string, StatName]> = [
  ['team_attempts', 'attempts'],
  ['team_carries', 'carries'],
  ['team_targets', 'targets'],
  ['team_passing_yards', 'passing_yards'],
  ['team_rushing_yards', 'rushing_yards'],
];
/** Defensive aggregates per team-game: what the opponents' players of a position group did against it. */
const DEFENCE: ReadonlyArray<[string, PositionGroup | 'ALL', StatName]> = [
  ['opp_allowed_qb_passing_yards', 'QB', 'passing_yards'],
  ['opp_allowed_qb_attempts', 'QB', 'attempts'],
  ['opp_allowed_qb_completions', 'QB', 'completions'],
  ['opp_allowed_passing_tds', 'QB', 'passing_tds'],
  ['opp_allowed_rb_rushing_yards', 'RB', 'rushing_yards'],
  ['opp_allowed_rb_carries', 'RB', 'carries'],
  ['opp_allowed_rushing_tds', 'ALL', 'rushing_tds'],
  ['opp_allowed_rb_receiving_yards', 'RB', 'receiving_yards'],
  ['opp_allowed_rb_receptions', 'RB', 'receptions'],
  ['opp_allowed_wr_receiving_yards', 'WR', 'receiving_yards'],
  ['opp_allowed_wr_receptions', 'WR', 'receptions'],
  ['opp_allowed_te_receiving_yards', 'TE', 'receiving_yards'],
  ['opp_allowed_te_receptions', 'TE', 'receptions'],
];
/** Column names of `TeamRolling.offense`'s vector (team attempts, carries, targets, passing and rushing yards). */
export const TEAM_OFFENSE_NAMES = OFFENSE.map(([n]) => n);
/** Column names of `TeamRolling.defence`'s vector (what the defence allowed, by position group and stat). */
export const TEAM_DEFENCE_NAMES = DEFENCE.map(([n]) => n);

export interface TeamRolling {
  /** Rolling offence features for `season:week:team` (the team's own previous `window` games, default TEAM_WINDOW). */
  offense(season: number, week: number, team: string, window?: number): Float64Array;
  /** Rolling features of what `team` allowed in its previous `window` games (default TEAM_WINDOW). */
  defence(season: number, week: number, team: string, window?: number): Float64Array;
  /**
   * The team's own totals (TEAM_OFFENSE_NAMES order) in its game at `time` (season·100 + week), or undefined
   * if it has none. Callers must only ask for games strictly before the one they describe.
   */
  game(team: string, time: number): Float64Array | undefined;
  /** Times (season·100 + week) of the team's games in the table, ascending. */
  gameTimes(team: string): Int32Array;
}

interface Acc {
  time: number;
  off: Float64Array;
  def: Float64Array;
}

/** Aggregate the table per team-game, then roll each team's series forward. */
export function buildTeamRolling(t: WeeklyTable): TeamRolling {
  const games = new Map<string, Map<number, Acc>>();
  const acc = (team: string, time: number): Acc => {
    let g = games.get(team);
    if (!g) games.set(team, (g = new Map()));
    let a = g.get(time);
    if (!a) g.set(time, (a = { time, off: new Float64Array(OFFENSE.length), def: new Float64Array(DEFENCE.length) }));
    return a;
  };
  for (let i = 0; i < t.n; i++) {
    const time = t.time[i]!;
    const off = acc(t.team[i]!, time).off;
    for (let k = 0; k < OFFENSE.length; k++) off[k] = off[k]! + t.stats[OFFENSE[k]![1]][i]!;
    const def = acc(t.opponent[i]!, time).def;
    const group = positionGroup(t.position[i]!);
    for (let k = 0; k < DEFENCE.length; k++) {
      const [, g, stat] = DEFENCE[k]!;
      if (g === 'ALL' || g === group) def[k] = def[k]! + t.stats[stat][i]!;
    }
  }
  // For each team and each of its game times (plus lookups at other times), the mean of the previous window.
  const series = new Map<string, Acc[]>();
  for (const [team, g] of games) series.set(team, [...g.values()].sort((a, b) => a.time - b.time));
  const times = new Map<string, Int32Array>();
  for (const [team, s] of series) times.set(team, Int32Array.from(s, (a) => a.time));
  const cache = new Map<string, { off: Float64Array; def: Float64Array }>();
  const lookup = (season: number, week: number, team: string, window: number) => {
    const time = season * 100 + week;
    const key = `${team}:${time}:${window}`;
    let hit = cache.get(key);
    if (hit) return hit;
    const s = series.get(team) ?? [];
    // Last index with time < requested time (binary search).
    let lo = 0, hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]!.time < time) lo = mid + 1;
      else hi = mid;
    }
    const off = new Float64Array(OFFENSE.length).fill(NaN);
    const def = new Float64Array(DEFENCE.length).fill(NaN);
    const from = Math.max(0, lo - window);
    const c = lo - from;
    if (c > 0) {
      off.fill(0);
      def.fill(0);
      for (let j = from; j < lo; j++) {
        for (let k = 0; k < off.length; k++) off[k] = off[k]! + s[j]!.off[k]! / c;
        for (let k = 0; k < def.length; k++) def[k] = def[k]! + s[j]!.def[k]! / c;
      }
    }
    hit = { off, def };
    cache.set(key, hit);
    return hit;
  };
  return {
    offense: (season, week, team, window = TEAM_WINDOW) => lookup(season, week, team, window).off,
    defence: (season, week, team, window = TEAM_WINDOW) => lookup(season, week, team, window).def,
    game: (team, time) => games.get(team)?.get(time)?.off,
    gameTimes: (team) => times.get(team) ?? EMPTY,
  };
}
