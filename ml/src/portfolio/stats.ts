/**
 * Statistics of a portfolio's settled bets: P&L, turnover, ROI and yield, the bankroll curve, maximum
 * drawdown, closing-line value (mean and distribution), actual against expected wins, and the same totals
 * broken down by sport, market, book and month.
 *
 * Definitions (money in integer minor units, money.ts):
 *  - staked (turnover): the sum of stakes of bets that had action — a void bet never did, so it is left out;
 *    a push or half result did, so it counts in full.
 *  - ROI = P&L ÷ staked (profit per unit staked). yield = P&L ÷ starting bankroll (the return on the capital;
 *    null without a bankroll).
 *  - drawdown: drawdown.ts, over the bets in `at` order (ties in input order).
 *  - mean CLV over the bets that have one.
 *  - actual wins = won + ½·half_won; expected wins = Σ model probability at placement; both over the non-void
 *    bets that carry a model probability, so they compare like with like.
 */
import { maxDrawdown, type Drawdown } from './drawdown.ts';
import { CLV_HISTOGRAM, histogram, type HistogramBin, type HistogramOptions } from './histogram.ts';
import type { SettledResult } from './settle.ts';

/** A settled bet as the statistics read it. */
export interface SettledBetRecord {
  /** ISO 8601 date or date-time the bet is ordered by (its settlement time, or the event's date); month = first 7 chars. */
  at: string;
  sport: string;
  market: string;
  /** The book the bet was placed with; null when unknown (grouped as "unknown"). */
  book: string | null;
  /** Minor units. */
  stake: number;
  /** Minor units. */
  pnl: number;
  result: SettledResult;
  /** price taken ÷ fair closing price − 1; null when no closing price was captured. */
  clv: number | null;
  /** The model's probability of the selection at placement; null for bets without one (e.g. entered by hand). */
  modelProbability: number | null;
}

/** The totals of a set of settled bets. */
export interface PortfolioTotals {
  bets: number;
  /** Minor units, void bets excluded. */
  staked: number;
  /** Minor units. */
  pnl: number;
  /** P&L ÷ staked; null when nothing was staked. */
  roi: number | null;
  /** Mean CLV of `clvBets` bets; null when none has one. */
  meanClv: number | null;
  clvBets: number;
  /** won + ½·half_won over the `modelBets` non-void bets with a model probability. */
  actualWins: number;
  /** Σ model probability over the same bets. */
  expectedWins: number;
  modelBets: number;
}

/** One point of the bankroll curve, after the bet settled at `at`. */
export interface CurvePoint {
  at: string;
  /** Cumulative P&L, minor units. */
  pnl: number;
  /** Starting bankroll + cumulative P&L, minor units; null without a starting bankroll. */
  bankroll: number | null;
}

/** The totals of one group of a breakdown (a sport, market, book or month). */
export interface GroupTotals extends PortfolioTotals {
  key: string;
}

/** Everything `portfolioStats` reports. */
export interface PortfolioStats extends PortfolioTotals {
  /** Minor units; null when not given. */
  startingBankroll: number | null;
  /** P&L ÷ starting bankroll; null without one. */
  yield: number | null;
  curve: CurvePoint[];
  /** In minor units; the fraction is of the bankroll at the peak. */
  maxDrawdown: Drawdown;
  clvHistogram: HistogramBin[];
  bySport: GroupTotals[];
  byMarket: GroupTotals[];
  byBook: GroupTotals[];
  byMonth: GroupTotals[];
}

/** Options of `portfolioStats`: the starting bankroll (minor units) and the CLV histogram's bins. */
export interface PortfolioStatsOptions {
  startingBankroll?: number | null;
  clvHistogram?: HistogramOptions;
}

/** The totals of `bets` (definitions in the file comment). */
export function portfolioTotals(bets: readonly SettledBetRecord[]): PortfolioTotals {
  let staked = 0, pnl = 0, clvSum = 0, clvBets = 0, actualWins = 0, expectedWins = 0, modelBets = 0;
  for (const b of bets) {
    pnl += b.pnl;
    if (b.result === 'void') continue;
    staked += b.stake;
    if (b.clv !== null) {
      clvSum += b.clv;
      clvBets++;
    }
    if (b.modelProbability !== null) {
      modelBets++;
      expectedWins += b.modelProbability;
      actualWins += b.result === 'won' ? 1 : b.result === 'half_won' ? 0.5 : 0;
    }
  }
  return {
    bets: bets.length,
    staked,
    pnl,
    roi: staked > 0 ? pnl / staked : null,
    meanClv: clvBets > 0 ? clvSum / clvBets : null,
    clvBets,
    actualWins,
    expectedWins,
    modelBets,
  };
}

/** Bets in `at` order, ties kept in input order. */
export function inDateOrder<T extends { at: string }>(bets: readonly T[]): T[] {
  return bets.map((b, i) => ({ b, i })).sort((x, y) => (x.b.at < y.b.at ? -1 : x.b.at > y.b.at ? 1 : x.i - y.i)).map((x) => x.b);
}

/** The statistics of a portfolio's settled bets (any order; they are put in `at` order). */
export function portfolioStats(bets: readonly SettledBetRecord[], options: PortfolioStatsOptions = {}): PortfolioStats {
  for (const b of bets) {
    if (!/^\d{4}-\d{2}/.test(b.at)) throw new RangeError(`a settled bet's "at" must be an ISO date, got "${b.at}"`);
  }
  const start = options.startingBankroll ?? null;
  const ordered = inDateOrder(bets);
  const totals = portfolioTotals(ordered);
  let cumulative = 0;
  const curve = ordered.map((b) => {
    cumulative += b.pnl;
    return { at: b.at, pnl: cumulative, bankroll: start === null ? null : start + cumulative };
  });
  const clvs = ordered.flatMap((b) => (b.clv !== null && b.result !== 'void' ? [b.clv] : []));
  return {
    ...totals,
    startingBankroll: start,
    yield: start !== null && start > 0 ? totals.pnl / start : null,
    curve,
    maxDrawdown: maxDrawdown(ordered.map((b) => b.pnl), start),
    clvHistogram: histogram(clvs, options.clvHistogram ?? CLV_HISTOGRAM),
    bySport: breakdown(ordered, (b) => b.sport),
    byMarket: breakdown(ordered, (b) => b.market),
    byBook: breakdown(ordered, (b) => b.book ?? 'unknown'),
    byMonth: breakdown(ordered, (b) => b.at.slice(0, 7)),
  };
}

/** The totals of each group of `bets` by `keyOf`, groups sorted by key. */
export function breakdown(bets: readonly SettledBetRecord[], keyOf: (b: SettledBetRecord) => string): GroupTotals[] {
  const groups = new Map<string, SettledBetRecord[]>();
  for (const b of bets) {
    const k = keyOf(b);
    const g = groups.get(k);
    if (g) g.push(b);
    else groups.set(k, [b]);
  }
  return [...groups.keys()].sort().map((key) => ({ key, ...portfolioTotals(groups.get(key)!) }));
}
