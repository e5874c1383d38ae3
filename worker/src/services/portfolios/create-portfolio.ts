import { insertPortfolio } from '@fairline/db';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { actorOf, appendAudit } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { createPortfolioInput } from './inputs.ts';
import { positiveMinorUnits } from './money.ts';
import { portfolioView, type PortfolioView } from './view.ts';

/**
 * Creates a portfolio for the caller: the starting bankroll, given in currency units, is stored exactly in minor units.
 * BAD_REQUEST for a bad currency or bankroll, CONFLICT when the caller already has a portfolio of that name. Audited.
 */
export async function createPortfolio({ ctx, input }: { ctx: UserCtx; input: z.input<typeof createPortfolioInput> }): Promise<PortfolioView> {
  const { name, currency, startingBankroll } = parseInput(createPortfolioInput, input);
  const bankroll = positiveMinorUnits(startingBankroll, currency, 'startingBankroll');
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const row = await insertPortfolio(tx, { userId: ctx.user.id, name, currency, startingBankroll: bankroll, now });
    if (!row) throw new AppError('CONFLICT', `you already have a portfolio named "${name}"`);
    await appendAudit(tx, {
      kind: 'portfolio.create', actor: actorOf(ctx.principal), subject: `portfolio:${row.id}`,
      payload: { name, currency, startingBankroll: bankroll },
    }, now);
    return portfolioView(tx, ctx.user.id, row);
  });
}
