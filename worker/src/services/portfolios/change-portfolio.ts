import { archivePortfolioOf, portfolioNameTaken, portfolioOf, renamePortfolioOf } from '@fairline/db';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.ts';
import { actorOf, appendAudit } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { portfolioIdInput, renamePortfolioInput } from './inputs.ts';
import { portfolioView, type PortfolioView } from './view.ts';

/**
 * Renames one of the caller's portfolios. NOT_FOUND for an unknown id or another user's; CONFLICT when the caller has
 * another portfolio of that name. Audited.
 */
export async function renamePortfolio({ ctx, input }: { ctx: UserCtx; input: z.input<typeof renamePortfolioInput> }): Promise<PortfolioView> {
  const { id, name } = parseInput(renamePortfolioInput, input);
  return ctx.db.transaction(async (tx) => {
    const before = await portfolioOf(tx, ctx.user.id, id, { forUpdate: true });
    if (!before) throw notFound('portfolio');
    if (await portfolioNameTaken(tx, ctx.user.id, name, id)) throw new AppError('CONFLICT', `you already have a portfolio named "${name}"`);
    const row = (await renamePortfolioOf(tx, ctx.user.id, id, name))!;
    await appendAudit(tx, { kind: 'portfolio.rename', actor: actorOf(ctx.principal), subject: `portfolio:${id}`, payload: { from: before.name, to: name } }, ctx.clock());
    return portfolioView(tx, ctx.user.id, row);
  });
}

/**
 * Archives one of the caller's portfolios: it keeps its bets, settlements and statistics but takes no new bets.
 * Archiving an archived portfolio keeps the first time. NOT_FOUND for an unknown id or another user's. Audited.
 */
export async function archivePortfolio({ ctx, input }: { ctx: UserCtx; input: z.input<typeof portfolioIdInput> }): Promise<PortfolioView> {
  const { id } = parseInput(portfolioIdInput, input);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const before = await portfolioOf(tx, ctx.user.id, id, { forUpdate: true });
    if (!before) throw notFound('portfolio');
    const row = (await archivePortfolioOf(tx, ctx.user.id, id, now))!;
    if (before.archivedAt === null) {
      await appendAudit(tx, { kind: 'portfolio.archive', actor: actorOf(ctx.principal), subject: `portfolio:${id}`, payload: { archivedAt: row.archivedAt } }, now);
    }
    return portfolioView(tx, ctx.user.id, row);
  });
}
