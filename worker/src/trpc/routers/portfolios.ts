import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import {
  archivePortfolio, createPortfolio, createPortfolioInput, getPortfolio, listPortfolios, listPortfoliosInput, portfolioIdInput, portfolioStatistics,
  renamePortfolio, renamePortfolioInput,
} from '../../services/portfolios/index.ts';
import { protectedProcedure, router } from '../init.ts';

/** Every portfolio procedure: a session, or an API key holding `write:portfolio` (reads included). */
const portfolioProcedure = protectedProcedure.meta({ scope: 'write:portfolio', weight: WEIGHT.read });

/**
 * The signed-in user's portfolios (services/portfolios). Amounts in the portfolio's currency units. Another user's
 * portfolio id answers NOT_FOUND, exactly like an unknown one.
 */
export const portfoliosRouter = router({
  /** Creates a portfolio: name, currency (ISO 4217), starting bankroll in currency units (1000 = 1000 EUR). */
  create: portfolioProcedure.input(createPortfolioInput).mutation(({ ctx, input }) => createPortfolio({ ctx, input })),
  /** The caller's portfolios with their current bankroll, settled P&L and pending stake. */
  list: portfolioProcedure.input(listPortfoliosInput.optional()).query(({ ctx, input }) => listPortfolios({ ctx, input })),
  /** One portfolio with its balance. */
  get: portfolioProcedure.input(portfolioIdInput).query(({ ctx, input }) => getPortfolio({ ctx, input })),
  /** Renames a portfolio (names are unique per user). */
  rename: portfolioProcedure.input(renamePortfolioInput).mutation(({ ctx, input }) => renamePortfolio({ ctx, input })),
  /** Archives a portfolio: it keeps its bets and statistics, takes no new bets. */
  archive: portfolioProcedure.input(portfolioIdInput).mutation(({ ctx, input }) => archivePortfolio({ ctx, input })),
  /** P&L, ROI, yield, bankroll curve, max drawdown, CLV (mean, histogram), actual vs expected wins; by sport, market, book, month. */
  stats: portfolioProcedure.input(portfolioIdInput).query(({ ctx, input }) => portfolioStatistics({ ctx, input })),
});
