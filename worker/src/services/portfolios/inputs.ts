/** The zod inputs of the portfolio verbs. */
import { z } from 'zod';
import { amountInput } from './money.ts';

/** A portfolio's name: 1–80 characters, trimmed. */
const name = z.string().trim().min(1, 'a portfolio needs a name').max(80);

/**
 * Input of `portfolios.create`: `name` (1–80 characters, unique among the caller's portfolios), `currency` (ISO 4217,
 * default EUR) and `startingBankroll` in CURRENCY units (1000 = 1000 EUR; at most the currency's decimals).
 */
export const createPortfolioInput = z.object({
  name,
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code like EUR').default('EUR'),
  startingBankroll: amountInput,
});

/** Input naming one of the caller's portfolios: `id`, its uuid. */
export const portfolioIdInput = z.object({ id: z.uuid() });

/** Input of `portfolios.list`: `includeArchived` (default false). */
export const listPortfoliosInput = z.object({ includeArchived: z.boolean().default(false) });

/** Input of `portfolios.rename`: `id` and the new `name` (1–80 characters, unique among the caller's portfolios). */
export const renamePortfolioInput = z.object({ id: z.uuid(), name });
