import { portfolioOf, portfoliosOf } from '@fairline/db';
import type { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { listPortfoliosInput, portfolioIdInput } from './inputs.ts';
import { portfolioView, type PortfolioView } from './view.ts';

/** The caller's portfolios with their balances, oldest first (archived ones only when asked). */
export async function listPortfolios({ ctx, input }: { ctx: UserCtx; input?: z.input<typeof listPortfoliosInput> }): Promise<PortfolioView[]> {
  const { includeArchived } = parseInput(listPortfoliosInput, input ?? {});
  const rows = await portfoliosOf(ctx.read, ctx.user.id, { includeArchived });
  return Promise.all(rows.map((r) => portfolioView(ctx.read, ctx.user.id, r)));
}

/** One of the caller's portfolios with its balance. NOT_FOUND for an unknown id and for another user's. */
export async function getPortfolio({ ctx, input }: { ctx: UserCtx; input: z.input<typeof portfolioIdInput> }): Promise<PortfolioView> {
  const { id } = parseInput(portfolioIdInput, input);
  const row = await portfolioOf(ctx.read, ctx.user.id, id);
  if (!row) throw notFound('portfolio');
  return portfolioView(ctx.read, ctx.user.id, row);
}
