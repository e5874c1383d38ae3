import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import {
  betIdInput, exportBetsCsv, exportCsvInput, getBet, importBetsCsv, importCsvInput, listBets, listBetsInput, placeBet, placeBetInput, recordBet,
  recordBetInput, suggestBetStake, suggestStakeInput, voidBet,
} from '../../services/bets/index.ts';
import { protectedProcedure, router } from '../init.ts';

/** Every bet procedure: a session, or an API key holding `write:portfolio` (reads included). */
const betProcedure = protectedProcedure.meta({ scope: 'write:portfolio', weight: WEIGHT.read });

/**
 * The signed-in user's bets (services/bets). Stakes and P&L in the portfolio's currency units; lines in the engine's
 * convention (Asian handicap and spread: the HOME handicap whichever side is backed). Another user's bet or portfolio
 * id answers NOT_FOUND, exactly like an unknown one.
 */
export const betsRouter = router({
  /** Tracks a bet on a price the platform quotes (a book's current price, or the model's quote); idempotent on clientRef. */
  place: betProcedure.meta({ weight: WEIGHT.price }).input(placeBetInput).mutation(({ ctx, input }) => placeBet({ ctx, input })),
  /** Enters a bet placed elsewhere by hand (price, stake, book if we track it, placement time before kick-off). */
  record: betProcedure.input(recordBetInput).mutation(({ ctx, input }) => recordBet({ ctx, input })),
  /** The Kelly stake (full, half or quarter, capped) for a bet at a price, from the portfolio's current bankroll. */
  suggestStake: betProcedure.meta({ weight: WEIGHT.price }).input(suggestStakeInput).query(({ ctx, input }) => suggestBetStake({ ctx, input })),
  /** Voids a pending bet before kick-off (a void settlement entry; the bet stays in the record). */
  void: betProcedure.input(betIdInput).mutation(({ ctx, input }) => voidBet({ ctx, input })),
  /** One bet with its closing line and every settlement it has had. */
  get: betProcedure.input(betIdInput).query(({ ctx, input }) => getBet({ ctx, input })),
  /** A portfolio's bets, filtered by status, sport, market or fixture; newest first, paged. */
  list: betProcedure.input(listBetsInput).query(({ ctx, input }) => listBets({ ctx, input })),
  /** Imports bets placed elsewhere from CSV; bad rows come back as rejects with their line and reason. */
  importCsv: betProcedure.meta({ weight: WEIGHT.scan }).input(importCsvInput).mutation(({ ctx, input }) => importBetsCsv({ ctx, input })),
  /** Every bet of a portfolio as CSV (re-importable). */
  exportCsv: betProcedure.input(exportCsvInput).query(({ ctx, input }) => exportBetsCsv({ ctx, input })),
});
