/**
 * `bets.suggestStake`: the Kelly stake for a bet before it is placed — ml's suggestStake (full, half or quarter Kelly on
 * the model's settlement probabilities at the price on offer, capped at a share of the bankroll, rounded down to the
 * minor unit) over the portfolio's CURRENT bankroll (starting bankroll + settled P&L).
 */
import { portfolioBalance, portfolioOf } from '@fairline/db';
import { portfolio, pricing } from '@fairline/ml';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { toAmount } from '../portfolios/money.ts';
import { knownFixture } from './guards.ts';
import { suggestStakeInput } from './inputs.ts';
import { bookQuote, modelQuote } from './quote.ts';
import { checkSelection, describeSelection } from './selection.ts';

/** A stake suggestion. Amounts in the portfolio's currency units. */
export interface StakeSuggestionView {
  /** The suggested stake (0 when the bet has no edge at this price). */
  stake: number;
  currency: string;
  fractionOfBankroll: number;
  /** True when the cap, not Kelly, set the stake. */
  capped: boolean;
  fraction: portfolio.KellyFraction;
  cap: number;
  /** The current bankroll staked from. */
  bankroll: number;
  price: number;
  bookmaker: string | null;
  /** The model's P(win) + ½·P(half win), its fair price, EV per unit staked at `price`, and its version. */
  probability: number;
  fairPrice: number;
  expectedValue: number;
  modelVersionId: number | null;
}

/**
 * The Kelly stake for a bet in one of the caller's portfolios (see the file comment). NOT_FOUND for an unknown
 * portfolio (or another user's) or fixture; BAD_REQUEST for an unknown selection, a book that does not quote it, no
 * price to stake at; UNAVAILABLE when no model prices the selection.
 */
export async function suggestBetStake({ ctx, input }: { ctx: UserCtx; input: z.input<typeof suggestStakeInput> }): Promise<StakeSuggestionView> {
  const i = parseInput(suggestStakeInput, input);
  const p = await portfolioOf(ctx.read, ctx.user.id, i.portfolioId);
  if (!p) throw notFound('portfolio');
  const fx = await knownFixture(ctx.read, i.fixtureId);
  const s = checkSelection(fx, i);
  const [book, model] = await Promise.all([i.bookmaker ? bookQuote(ctx, fx, s, i.bookmaker) : Promise.resolve(null), modelQuote(ctx, fx, s)]);
  if (i.bookmaker && !book) throw new AppError('BAD_REQUEST', `${i.bookmaker} does not quote ${describeSelection(s)} for fixture ${fx.id} now`);
  if (!model) throw new AppError('UNAVAILABLE', `no model prices ${describeSelection(s)} of fixture ${fx.id}, so there is no Kelly stake`);
  const price = i.price ?? book?.price;
  if (price === undefined) throw new AppError('BAD_REQUEST', 'name a bookmaker or give the price on offer');
  const { settledPnl } = await portfolioBalance(ctx.read, ctx.user.id, p.id);
  const bankroll = p.startingBankroll + settledPnl;
  const common = {
    currency: p.currency, fraction: i.fraction, cap: i.cap, bankroll: toAmount(bankroll, p.currency), price, bookmaker: i.bookmaker ?? null,
    probability: model.probability, fairPrice: model.fairPrice, expectedValue: pricing.expectedValueAsian(model.settlement, price), modelVersionId: model.versionId,
  };
  if (bankroll <= 0) return { ...common, stake: 0, fractionOfBankroll: 0, capped: false };
  const pushes = model.settlement.push > 0 || model.settlement.halfWin > 0 || model.settlement.halfLoss > 0;
  const k = portfolio.suggestStake({ probability: pushes ? model.settlement : model.settlement.win, price, bankroll, fraction: i.fraction, cap: i.cap });
  return { ...common, stake: toAmount(k.stake, p.currency), fractionOfBankroll: k.fractionOfBankroll, capped: k.capped };
}
