/** The zod inputs of the bet verbs. */
import { BET_RESULTS, serialId, SPORTS, MARKETS } from '@fairline/db';
import { portfolio } from '@fairline/ml';
import { z } from 'zod';
import { amountInput } from '../portfolios/money.ts';
import { betSelectionFields } from './selection.ts';

/** A client's idempotency key: 1–128 characters, trimmed; the same reference placed twice is one bet. */
export const clientRefInput = z.string().trim().min(1, 'clientRef is required').max(128);
/** A decimal price: finite and above 1. */
export const priceInput = z.number().finite().gt(1, 'price must be decimal odds above 1');
/** Largest CSV accepted by an import, in characters. */
export const MAX_CSV_CHARS = 1_000_000;

/**
 * Input of `bets.place` — a bet on a price the platform quotes: `portfolioId`, `clientRef` (idempotency key), what it
 * is on (betSelectionFields), the `bookmaker` key whose current quote it takes (absent: the model's own quote, then
 * `price` is required), `price` taken (default: the book's current price) and `stake` in the portfolio's currency
 * units.
 */
export const placeBetInput = z.object({
  portfolioId: z.uuid(),
  clientRef: clientRefInput,
  ...betSelectionFields,
  bookmaker: z.string().trim().min(1).max(64).optional(),
  price: priceInput.optional(),
  stake: amountInput,
});

/**
 * Input of `bets.record` — a bet placed elsewhere, entered by hand: `portfolioId`, `clientRef`, what it is on, the
 * `bookmaker` key when it is one we store (optional), the `price` taken, the `stake` in currency units and `placedAt`
 * (default now; before the fixture's kick-off and not in the future).
 */
export const recordBetInput = z.object({
  portfolioId: z.uuid(),
  clientRef: clientRefInput,
  ...betSelectionFields,
  bookmaker: z.string().trim().min(1).max(64).optional(),
  price: priceInput,
  stake: amountInput,
  placedAt: z.coerce.date().optional(),
});

/**
 * Input of `bets.suggestStake`: `portfolioId` (its current bankroll is staked from), what the bet is on, the
 * `bookmaker` whose current price to use or the `price` on offer, the Kelly `fraction` (full, half, quarter — default
 * quarter) and the `cap`, the largest stake as a share of the bankroll (0–1, default 0.05).
 */
export const suggestStakeInput = z.object({
  portfolioId: z.uuid(),
  ...betSelectionFields,
  bookmaker: z.string().trim().min(1).max(64).optional(),
  price: priceInput.optional(),
  fraction: z.enum(Object.keys(portfolio.KELLY_FRACTIONS) as [portfolio.KellyFraction, ...portfolio.KellyFraction[]]).default('quarter'),
  cap: z.number().min(0).max(1).default(portfolio.DEFAULT_STAKE_CAP),
});

/** Input naming one of the caller's bets: `id`, its uuid. */
export const betIdInput = z.object({ id: z.uuid() });

/**
 * Input of `bets.list`: `portfolioId`; optional `status` ('pending', 'settled' or one result), `sport`, `market`,
 * `fixtureId`; `limit` 1–500 (default 100) and `offset` ≥ 0. Newest placement first.
 */
export const listBetsInput = z.object({
  portfolioId: z.uuid(),
  status: z.enum([...BET_RESULTS, 'settled']).optional(),
  sport: z.enum(SPORTS).optional(),
  market: z.enum(MARKETS).optional(),
  fixtureId: serialId.optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

/** Input of `bets.importCsv`: `portfolioId` and `csv`, the file's text (at most MAX_CSV_CHARS; columns in import-csv.ts). */
export const importCsvInput = z.object({ portfolioId: z.uuid(), csv: z.string().min(1).max(MAX_CSV_CHARS) });

/** Input of `bets.exportCsv`: `portfolioId`. */
export const exportCsvInput = z.object({ portfolioId: z.uuid() });
