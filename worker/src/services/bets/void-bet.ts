/**
 * `bets.void`: the owner takes a pending bet back before kick-off. It is not deleted: a `void` settlement entry is
 * appended (stake returned, P&L 0), the bet's result becomes void, and the change is audited in the same transaction.
 */
import { appendSettlement, betOf, portfolioOf } from '@fairline/db';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.ts';
import { actorOf, appendAudit } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { assertOpen } from './guards.ts';
import { betIdInput } from './inputs.ts';
import { betView, type BetView } from './view.ts';

/**
 * Voids one of the caller's pending bets before its fixture kicks off (see the file comment). NOT_FOUND for an unknown
 * bet or another user's; CONFLICT when it is no longer pending; BAD_REQUEST once the fixture has started.
 */
export async function voidBet({ ctx, input }: { ctx: UserCtx; input: z.input<typeof betIdInput> }): Promise<BetView> {
  const { id } = parseInput(betIdInput, input);
  const now = ctx.clock();
  const userId = ctx.user.id;
  return ctx.db.transaction(async (tx) => {
    const bet = await betOf(tx, userId, id, { forUpdate: true });
    if (!bet) throw notFound('bet');
    if (bet.result !== 'pending') throw new AppError('CONFLICT', `this bet is already ${bet.result === 'void' ? 'void' : 'settled'}`);
    assertOpen({ id: bet.fixtureId, status: bet.fixtureStatus, kickoffAt: bet.kickoffAt }, now, 'a bet can be voided');
    const entry = await appendSettlement(tx, { betId: id, kind: 'void', result: 'void', pnl: 0, homeScore: null, awayScore: null, statValue: null, settledAt: now });
    await appendAudit(tx, { kind: 'bet.void', actor: actorOf(ctx.principal), subject: `bet:${id}`, payload: { sequence: entry.sequence, result: 'void', pnl: 0 } }, now);
    const p = (await portfolioOf(tx, userId, bet.portfolioId))!;
    return betView((await betOf(tx, userId, id))!, p.currency);
  });
}
