/**
 * A portfolio's statistics: ml's portfolioStats over its settled bets (P&L, turnover, ROI, yield on the starting
 * bankroll, the bankroll curve, maximum drawdown in money and as a share of the peak bankroll, mean CLV and its
 * histogram, actual against expected wins), broken down by sport, market, book and month — with every amount in
 * currency units. Bets are ordered by settlement time; the month is the settlement's (UTC).
 */
import { portfolioOf, settledBetsOf, type Db, type PortfolioRow } from '@fairline/db';
import { portfolio } from '@fairline/ml';
import type { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { portfolioIdInput } from './inputs.ts';
import { toAmount } from './money.ts';

/** The totals of one group (or of all bets). Amounts in currency units. */
export type StatsTotals = portfolio.PortfolioTotals;
/** One group of a breakdown. Amounts in currency units. */
export type StatsGroup = portfolio.GroupTotals;

/** What `portfolios.stats` answers: ml's PortfolioStats with amounts in currency units, plus the currency. */
export interface PortfolioStatsView extends portfolio.PortfolioStats {
  portfolioId: string;
  currency: string;
}

/** The statistics of one of the caller's portfolios (see the file comment). NOT_FOUND for an unknown id or another user's. */
export async function portfolioStatistics({ ctx, input }: { ctx: UserCtx; input: z.input<typeof portfolioIdInput> }): Promise<PortfolioStatsView> {
  const { id } = parseInput(portfolioIdInput, input);
  const p = await portfolioOf(ctx.read, ctx.user.id, id);
  if (!p) throw notFound('portfolio');
  return statsOfPortfolio(ctx.read, ctx.user.id, p);
}

/**
 * The statistics of portfolio `p` of `userId`, read from its settled bets, amounts in currency units. The caller has
 * already checked who may see them (portfolios.stats: the owner; trackRecord.summary: anyone, the system portfolio).
 */
export async function statsOfPortfolio(read: Db, userId: string, p: PortfolioRow): Promise<PortfolioStatsView> {
  const id = p.id;
  const settled = await settledBetsOf(read, userId, id);
  const stats = portfolio.portfolioStats(
    settled.map((b) => ({
      at: b.settledAt.toISOString(), sport: b.sport, market: b.market, book: b.bookmaker, stake: b.stake, pnl: b.pnl, result: b.result, clv: b.clv,
      modelProbability: b.modelProbability,
    })),
    { startingBankroll: p.startingBankroll },
  );
  const amount = (minor: number) => toAmount(minor, p.currency);
  const totals = <T extends portfolio.PortfolioTotals>(t: T): T => ({ ...t, staked: amount(t.staked), pnl: amount(t.pnl) });
  return {
    ...totals(stats),
    portfolioId: id,
    currency: p.currency,
    startingBankroll: stats.startingBankroll === null ? null : amount(stats.startingBankroll),
    curve: stats.curve.map((c) => ({ at: c.at, pnl: amount(c.pnl), bankroll: c.bankroll === null ? null : amount(c.bankroll) })),
    maxDrawdown: { ...stats.maxDrawdown, amount: amount(stats.maxDrawdown.amount) },
    bySport: stats.bySport.map(totals),
    byMarket: stats.byMarket.map(totals),
    byBook: stats.byBook.map(totals),
    byMonth: stats.byMonth.map(totals),
  };
}
