/**
 * `bets.record`: a bet placed elsewhere, entered by hand — the fixture, what it is on, the price taken, the stake, the
 * book when it is one we store, and when it was placed (before kick-off: in-play bets have no closing line to grade).
 * No model probability: the platform did not quote it. Idempotent on the client reference; audited.
 */
import { bookmakerIdsByKey, type FixtureKeys, type NewBet } from '@fairline/db';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { actorOf } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { positiveMinorUnits } from '../portfolios/money.ts';
import { knownFixture, openPortfolio } from './guards.ts';
import { recordBetInput } from './inputs.ts';
import { storedPrice, type PlacedBet } from './place-bet.ts';
import { checkSelection } from './selection.ts';
import { betView } from './view.ts';
import { writeBet } from './write-bet.ts';

/** A clock skew tolerated on a hand-entered placement time that lies in the future. */
const SKEW_MS = 60_000;

/** BAD_REQUEST unless a bet placed at `placedAt` on `fx` was placed before kick-off and not after `now`. */
export function checkPlacedAt(fx: FixtureKeys, placedAt: Date, now: Date): void {
  if (placedAt.getTime() > now.getTime() + SKEW_MS) throw new AppError('BAD_REQUEST', `placedAt ${placedAt.toISOString()} is in the future`);
  if (placedAt.getTime() >= fx.kickoffAt.getTime()) {
    throw new AppError('BAD_REQUEST', `placedAt ${placedAt.toISOString()} is not before fixture ${fx.id}'s kick-off (${fx.kickoffAt.toISOString()}): only pre-match bets are tracked`);
  }
}

/** The book id of `key`, or BAD_REQUEST naming the unknown book (null without a key). */
export async function bookIdOf(ctx: Pick<UserCtx, 'read'>, key: string | undefined): Promise<number | null> {
  if (!key) return null;
  const id = (await bookmakerIdsByKey(ctx.read, [key])).get(key);
  if (id === undefined) throw new AppError('BAD_REQUEST', `unknown bookmaker "${key}" (leave it out for a book we do not track)`);
  return id;
}

/**
 * Records a bet placed elsewhere for the caller (see the file comment). NOT_FOUND for an unknown portfolio (or another
 * user's) or fixture; BAD_REQUEST for an archived portfolio, an unknown market, selection, line or bookmaker, a price
 * ≤ 1, a stake ≤ 0, a placement time in the future or not before kick-off; CONFLICT when the client reference names a
 * different bet. Audited (`bet.place`, source manual).
 */
export async function recordBet({ ctx, input }: { ctx: UserCtx; input: z.input<typeof recordBetInput> }): Promise<PlacedBet> {
  const i = parseInput(recordBetInput, input);
  const now = ctx.clock();
  const userId = ctx.user.id;
  const p = await openPortfolio(ctx.read, userId, i.portfolioId);
  const stake = positiveMinorUnits(i.stake, p.currency, 'stake');
  const fx = await knownFixture(ctx.read, i.fixtureId);
  const s = checkSelection(fx, i);
  const placedAt = i.placedAt ?? now;
  checkPlacedAt(fx, placedAt, now);
  const bookmakerId = await bookIdOf(ctx, i.bookmaker);
  const bet: NewBet = {
    portfolioId: p.id, userId, clientRef: i.clientRef, source: 'manual', fixtureId: fx.id, market: s.market, selection: s.selection, line: s.line,
    playerId: s.playerId, prop: s.prop, bookmakerId, priceTaken: storedPrice(i.price), stake, modelProbability: null, modelVersionId: null, placedAt,
  };
  const written = await ctx.db.transaction(async (tx) => {
    await openPortfolio(tx, userId, p.id, { forUpdate: true });
    return writeBet(tx, bet, { actor: actorOf(ctx.principal), currency: p.currency, bookmaker: i.bookmaker ?? null, now });
  });
  return { bet: betView(written.bet, p.currency), created: written.created };
}
