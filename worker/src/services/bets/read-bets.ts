/** Reading the caller's bets: one with its settlement history, or a portfolio's filtered and paged. */
import { betOf, betsOf, portfolioOf, settlementsOf } from '@fairline/db';
import type { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { toAmount } from '../portfolios/money.ts';
import { betIdInput, listBetsInput } from './inputs.ts';
import { betView, type BetView } from './view.ts';

/** One settlement entry as answered (P&L in currency units). */
export interface SettlementView {
  sequence: number;
  kind: 'settle' | 'resettle' | 'void';
  result: string;
  pnl: number;
  /** What it was settled on: the final score, or a prop's statistic (null for a void by its owner). */
  homeScore: number | null;
  awayScore: number | null;
  statValue: number | null;
  settledAt: Date;
}

/** A bet with every settlement it has had, in order. */
export interface BetDetail extends BetView {
  settlements: SettlementView[];
}

/** One of the caller's bets with its settlement history. NOT_FOUND for an unknown id and for another user's. */
export async function getBet({ ctx, input }: { ctx: UserCtx; input: z.input<typeof betIdInput> }): Promise<BetDetail> {
  const { id } = parseInput(betIdInput, input);
  const bet = await betOf(ctx.read, ctx.user.id, id);
  if (!bet) throw notFound('bet');
  const [p, history] = await Promise.all([portfolioOf(ctx.read, ctx.user.id, bet.portfolioId), settlementsOf(ctx.read, ctx.user.id, id)]);
  const currency = p!.currency;
  return { ...betView(bet, currency), settlements: history.map((s) => ({ ...s, pnl: toAmount(s.pnl, currency) })) };
}

/** Bets of one of the caller's portfolios, filtered, newest first. NOT_FOUND for an unknown portfolio or another user's. */
export async function listBets({ ctx, input }: { ctx: UserCtx; input: z.input<typeof listBetsInput> }): Promise<BetView[]> {
  const f = parseInput(listBetsInput, input);
  const p = await portfolioOf(ctx.read, ctx.user.id, f.portfolioId);
  if (!p) throw notFound('portfolio');
  return (await betsOf(ctx.read, ctx.user.id, f)).map((b) => betView(b, p.currency));
}
