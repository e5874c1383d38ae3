/**
 * `bets.place`: track a bet on a price the platform quotes — a book's current price of the selection, or (no book
 * named) the model's own quote with the price the caller got. It stores the book, the price taken, the stake, and the
 * model probability and version of that moment. Idempotent on the client reference (write-bet.ts).
 */
import { bookmakerIdsByKey } from '@fairline/db';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { actorOf } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { positiveMinorUnits } from '../portfolios/money.ts';
import { assertOpen, knownFixture, openPortfolio } from './guards.ts';
import { placeBetInput } from './inputs.ts';
import { bookQuote, modelQuote } from './quote.ts';
import { checkSelection, describeSelection } from './selection.ts';
import { betView, type BetView } from './view.ts';
import { existingBet, writeBet } from './write-bet.ts';

/** A placement's answer: the bet, and whether this call created it (false: its client reference was placed before). */
export interface PlacedBet {
  bet: BetView;
  created: boolean;
}

/** A decimal price as stored (numeric(12,6)): rounded to the millionth. */
export const storedPrice = (p: number) => Math.round(p * 1e6) / 1e6;

/**
 * Places a bet for the caller (see the file comment). NOT_FOUND for an unknown portfolio (or another user's) or
 * fixture; BAD_REQUEST for an archived portfolio, a fixture that has started, a market, selection or line the fixture
 * or the book does not quote, a price ≤ 1 or a stake ≤ 0, no price when no book is named; CONFLICT when the client
 * reference names a different bet. Audited (`bet.place`).
 */
export async function placeBet({ ctx, input }: { ctx: UserCtx; input: z.input<typeof placeBetInput> }): Promise<PlacedBet> {
  const i = parseInput(placeBetInput, input);
  const now = ctx.clock();
  const userId = ctx.user.id;
  const p = await openPortfolio(ctx.read, userId, i.portfolioId);
  const stake = positiveMinorUnits(i.stake, p.currency, 'stake');
  const fx = await knownFixture(ctx.read, i.fixtureId);
  const s = checkSelection(fx, i);
  const requested = { portfolioId: p.id, fixtureId: fx.id, market: s.market, selection: s.selection, line: s.line, playerId: s.playerId, prop: s.prop, stake,
    priceTaken: i.price === undefined ? undefined : storedPrice(i.price) };

  // A retry of a placed reference answers the bet as placed, whatever happened to the fixture or prices since.
  const before = await existingBet(ctx.db, userId, i.clientRef, requested);
  if (before) return { bet: betView(before, p.currency), created: false };

  assertOpen(fx, now, 'bets are placed');
  const [book, model] = await Promise.all([i.bookmaker ? bookQuote(ctx, fx, s, i.bookmaker) : Promise.resolve(null), modelQuote(ctx, fx, s)]);
  if (i.bookmaker && !book) throw new AppError('BAD_REQUEST', `${i.bookmaker} does not quote ${describeSelection(s)} for fixture ${fx.id} now`);
  if (!i.bookmaker && !model) throw new AppError('BAD_REQUEST', `the platform quotes no price for ${describeSelection(s)} of fixture ${fx.id}: name a book that does`);
  const price = i.price ?? book?.price;
  if (price === undefined) throw new AppError('BAD_REQUEST', 'price is required when no bookmaker is named (the price you took against the model quote)');
  const bookmakerId = i.bookmaker ? ((await bookmakerIdsByKey(ctx.read, [i.bookmaker])).get(i.bookmaker) ?? null) : null;

  const written = await ctx.db.transaction(async (tx) => {
    await openPortfolio(tx, userId, p.id, { forUpdate: true });
    return writeBet(
      tx,
      {
        portfolioId: p.id, userId, clientRef: i.clientRef, source: 'quote', fixtureId: fx.id, market: s.market, selection: s.selection, line: s.line,
        playerId: s.playerId, prop: s.prop, bookmakerId, priceTaken: storedPrice(price), stake, modelProbability: model?.probability ?? null,
        modelVersionId: model?.versionId ?? null, placedAt: now,
      },
      { actor: actorOf(ctx.principal), currency: p.currency, bookmaker: i.bookmaker ?? null, now },
    );
  });
  return { bet: betView(written.bet, p.currency), created: written.created };
}
