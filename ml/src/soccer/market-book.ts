/**
 * A fixture's full market book from one score grid: every market the platform prices, each with its fair price.
 * This is the single entry point the API and UI use, so all markets for a fixture are read off the same grid
 * (penaltyblog's FootballProbabilityGrid design) and can never disagree.
 */
import { predictRates, type DixonColesModel, type GoalRates, type PredictOptions } from './dixon-coles.ts';
import {
  asianHandicap,
  bothTeamsToScore,
  correctScore,
  doubleChance,
  drawNoBet,
  matchOdds,
  teamTotals,
  totals,
  type HandicapMarket,
  type TwoSided,
} from './markets.ts';
import { fairPrice } from '../pricing/index.ts';
import { expectedGoals, scoreGrid, type ScoreGrid } from './score-grid.ts';

export interface Priced {
  p: number;
  /** Decimal price with zero expected profit: 1/p (Infinity for p = 0). */
  fairPrice: number;
}

export interface MarketBook {
  rates: GoalRates;
  expectedGoals: { home: number; away: number };
  matchOdds: { home: Priced; draw: Priced; away: Priced };
  doubleChance: { homeOrDraw: Priced; drawOrAway: Priced; homeOrAway: Priced };
  drawNoBet: { home: Priced; away: Priced };
  bothTeamsToScore: { yes: Priced; no: Priced };
  /** Keyed by line, e.g. "2.5", "2.25". */
  totals: Record<string, TwoSided>;
  /** Keyed by the home line, e.g. "-0.75". */
  asianHandicap: Record<string, HandicapMarket>;
  teamTotals: { home: Record<string, TwoSided>; away: Record<string, TwoSided> };
  correctScore: { scores: (Priced & { home: number; away: number })[]; other: Priced };
}

export interface MarketBookOptions {
  totals?: readonly number[];
  handicaps?: readonly number[];
  teamTotals?: readonly number[];
  correctScoreUpTo?: number;
  maxGoals?: number;
}

const priced = (p: number): Priced => ({ p, fairPrice: fairPrice(Math.min(1, Math.max(0, p))) });
const mapObj = <T extends Record<string, number>>(o: T) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, priced(v)])) as { [K in keyof T]: Priced };

/** Every market from a grid. */
export function marketBookFromGrid(grid: ScoreGrid, rates: GoalRates, options: MarketBookOptions = {}): MarketBook {
  const tl = options.totals ?? [0.5, 1.5, 2, 2.25, 2.5, 2.75, 3, 3.5, 4.5];
  const hl = options.handicaps ?? [-2, -1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5];
  const ttl = options.teamTotals ?? [0.5, 1.5, 2.5];
  const cs = correctScore(grid, options.correctScoreUpTo ?? 5);
  return {
    rates,
    expectedGoals: expectedGoals(grid),
    matchOdds: mapObj({ ...matchOdds(grid) }),
    doubleChance: mapObj(doubleChance(grid)),
    drawNoBet: mapObj(drawNoBet(grid)),
    bothTeamsToScore: mapObj(bothTeamsToScore(grid)),
    totals: Object.fromEntries(tl.map((l) => [String(l), totals(grid, l)])),
    asianHandicap: Object.fromEntries(hl.map((l) => [String(l), asianHandicap(grid, l)])),
    teamTotals: {
      home: Object.fromEntries(ttl.map((l) => [String(l), teamTotals(grid, 'home', l)])),
      away: Object.fromEntries(ttl.map((l) => [String(l), teamTotals(grid, 'away', l)])),
    },
    correctScore: { scores: cs.scores.map((s) => ({ home: s.home, away: s.away, ...priced(s.p) })), other: priced(cs.other) },
  };
}

/** Score grid of a fixture under a fitted Dixon–Coles model. */
export function predictGrid(model: DixonColesModel, home: string, away: string, options: PredictOptions & { maxGoals?: number } = {}): ScoreGrid {
  return scoreGrid(predictRates(model, home, away, options), options.maxGoals ?? 20);
}

/** Every market for a fixture under a fitted Dixon–Coles model. */
export function marketBook(model: DixonColesModel, home: string, away: string, options: PredictOptions & MarketBookOptions = {}): MarketBook {
  const rates = predictRates(model, home, away, options);
  return marketBookFromGrid(scoreGrid(rates, options.maxGoals ?? 20), rates, options);
}
