/**
 * Writing a bet, shared by placement, manual entry and CSV import: insert it unless its owner already used the client
 * reference, and audit it in the same transaction. The same reference again is the same bet — answered as it stands,
 * unless the request names a different bet (another portfolio, fixture, selection, line, stake or price): CONFLICT,
 * since silently answering a different bet would hide a client's bug.
 */
import { betIdByClientRef, betOf, insertBet, type BetRow, type NewBet, type Tx } from '@fairline/db';
import { AppError } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';

/** A write's answer: the bet, and whether this call created it (false: the reference was already placed). */
export interface WrittenBet {
  bet: BetRow;
  created: boolean;
}

/** What the caller asked for, to compare with an existing bet of the same reference (`priceTaken` only if it was given). */
export interface Requested {
  portfolioId: string;
  fixtureId: number;
  market: string;
  selection: string;
  line: number | null;
  playerId: number | null;
  prop: string | null;
  stake: number;
  priceTaken?: number | undefined;
}

/** Why an existing bet is not the one requested, or null when it is. */
export function mismatch(bet: BetRow, r: Requested): string | null {
  const differs: string[] = [];
  if (bet.portfolioId !== r.portfolioId) differs.push('portfolio');
  if (bet.fixtureId !== r.fixtureId) differs.push('fixture');
  if (bet.market !== r.market || bet.selection !== r.selection) differs.push('selection');
  if ((bet.line === null) !== (r.line === null) || (bet.line !== null && Math.abs(bet.line - r.line!) > 1e-6)) differs.push('line');
  if (bet.playerId !== r.playerId || bet.prop !== r.prop) differs.push('player prop');
  if (bet.stake !== r.stake) differs.push('stake');
  if (r.priceTaken !== undefined && Math.abs(bet.priceTaken - r.priceTaken) > 5e-7) differs.push('price');
  return differs.length ? differs.join(', ') : null;
}

/** The bet already placed under `clientRef` when it matches `r`; null when the reference is free. CONFLICT otherwise. */
export async function existingBet(db: Tx, userId: string, clientRef: string, r: Requested): Promise<BetRow | null> {
  const id = await betIdByClientRef(db, userId, clientRef);
  if (!id) return null;
  const bet = (await betOf(db, userId, id))!;
  const why = mismatch(bet, r);
  if (why) throw new AppError('CONFLICT', `clientRef "${clientRef}" was already used for a different bet (${why} differ)`);
  return bet;
}

/**
 * Inserts `b` and appends its `bet.place` audit entry (actor `actor`, amounts in minor units of `currency`) inside `tx`;
 * or answers the bet already placed under its reference (see the file comment). `bookmaker` is the book's key.
 */
export async function writeBet(tx: Tx, b: NewBet, extra: { actor: string; currency: string; bookmaker: string | null; now: Date }): Promise<WrittenBet> {
  const id = await insertBet(tx, b);
  if (!id) {
    const bet = await existingBet(tx, b.userId, b.clientRef, b);
    return { bet: bet!, created: false };
  }
  await appendAudit(
    tx,
    {
      kind: 'bet.place',
      actor: extra.actor,
      subject: `bet:${id}`,
      payload: {
        portfolioId: b.portfolioId, clientRef: b.clientRef, source: b.source, fixtureId: b.fixtureId, market: b.market, selection: b.selection, line: b.line,
        playerId: b.playerId, prop: b.prop, bookmaker: extra.bookmaker, price: b.priceTaken, stake: b.stake, currency: extra.currency,
        modelProbability: b.modelProbability, modelVersionId: b.modelVersionId, placedAt: b.placedAt,
      },
    },
    extra.now,
  );
  return { bet: (await betOf(tx, b.userId, id))!, created: true };
}
