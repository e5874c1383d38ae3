/**
 * The player-prop markets: which stat settles each, which feature family predicts it, which players a book
 * would price (position group and a 3-game mean volume threshold), and the shape of its outcome, which picks
 * the predictive distribution (distributions/).
 */
import { positionGroup, type PositionGroup } from './team-games.ts';
import type { StatName, WeeklyTable } from './weekly.ts';

export type FeatureFamily = 'passing' | 'rushing' | 'receiving' | 'touchdown';
/** 'yards': continuous-ish, can be negative; 'count': non-negative integers; 'binary': yes/no. */
export type OutcomeKind = 'yards' | 'count' | 'binary';

export interface MarketSpec {
  name: string;
  family: FeatureFamily;
  kind: OutcomeKind;
  positions: readonly PositionGroup[];
  /** The book-offers-a-line filter: mean of this stat over the previous 3 games ≥ volumeMin (volume may be a sum). */
  volume: readonly StatName[];
  volumeMin: number;
  /** The settled outcome of row i. */
  outcome(t: WeeklyTable, i: number): number;
}

const stat = (s: StatName) => (t: WeeklyTable, i: number) => t.stats[s][i]!;

const QB_VOLUME = { positions: ['QB'] as const, volume: ['attempts'] as const, volumeMin: 20 };
const RB_VOLUME = { positions: ['RB'] as const, volume: ['carries'] as const, volumeMin: 8 };

/** Every player-prop market's specification, by market name. */
export const MARKETS = {
  passing_yards: { name: 'passing_yards', family: 'passing', kind: 'yards', ...QB_VOLUME, outcome: stat('passing_yards') },
  rushing_yards: { name: 'rushing_yards', family: 'rushing', kind: 'yards', ...RB_VOLUME, outcome: stat('rushing_yards') },
  receiving_yards: {
    name: 'receiving_yards', family: 'receiving', kind: 'yards', positions: ['WR', 'TE'], volume: ['targets'], volumeMin: 4,
    outcome: stat('receiving_yards'),
  },
  receptions: {
    name: 'receptions', family: 'receiving', kind: 'count', positions: ['WR', 'TE', 'RB'], volume: ['targets'], volumeMin: 4,
    outcome: stat('receptions'),
  },
  completions: { name: 'completions', family: 'passing', kind: 'count', ...QB_VOLUME, outcome: stat('completions') },
  attempts: { name: 'attempts', family: 'passing', kind: 'count', ...QB_VOLUME, outcome: stat('attempts') },
  passing_tds: { name: 'passing_tds', family: 'passing', kind: 'count', ...QB_VOLUME, outcome: stat('passing_tds') },
  carries: { name: 'carries', family: 'rushing', kind: 'count', ...RB_VOLUME, outcome: stat('carries') },
  anytime_td: {
    name: 'anytime_td', family: 'touchdown', kind: 'binary', positions: ['RB', 'WR', 'TE'], volume: ['carries', 'targets'], volumeMin: 6,
    outcome: (t, i) => (t.stats.rushing_tds[i]! + t.stats.receiving_tds[i]! > 0 ? 1 : 0),
  },
} as const satisfies Record<string, MarketSpec>;

export type MarketName = keyof typeof MARKETS;
/** The markets `backtestProps` and the props benchmark score by default (yards of each kind, receptions). */
export const MAIN_MARKETS: readonly MarketName[] = ['passing_yards', 'rushing_yards', 'receiving_yards', 'receptions'];
/** Every market name, in `MARKETS` order (the order the API lists a player's markets in). */
export const ALL_MARKETS = Object.keys(MARKETS) as MarketName[];

/** Games of history required before a player is scored (the 3-game volume mean needs three). */
export const MIN_PRIOR_GAMES = 3;

/** Would a book price this player in this market for row i? Uses only games before row i. */
export function isOffered(spec: MarketSpec, t: WeeklyTable, i: number): boolean {
  if (!spec.positions.includes(positionGroup(t.position[i]!))) return false;
  let j = t.prev[i]!;
  let c = 0;
  let s = 0;
  while (j >= 0 && c < MIN_PRIOR_GAMES) {
    for (const v of spec.volume) s += t.stats[v][j]!;
    c++;
    j = t.prev[j]!;
  }
  return c >= MIN_PRIOR_GAMES && s / c >= spec.volumeMin;
}

/** Rows of the given seasons where the market would be offered. */
export function offeredRows(spec: MarketSpec, t: WeeklyTable, seasons: ReadonlySet<number>): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < t.n; i++) if (seasons.has(t.season[i]!) && isOffered(spec, t, i)) out.push(i);
  return Int32Array.from(out);
}

/** Outcomes of the given rows. */
export function outcomes(spec: MarketSpec, t: WeeklyTable, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (i) => spec.outcome(t, i));
}
