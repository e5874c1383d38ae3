import { soccerFairPrices, soccerFairPricesInput } from '../../services/soccer/fair-prices.ts';
import { soccerOddsHistory, soccerOddsHistoryInput } from '../../services/soccer/odds-history.ts';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { publicProcedure, router } from '../init.ts';

/** Soccer: the model's fair prices and the books' price history (services/soccer). */
export const soccerRouter = router({
  /** Every market from one Dixon–Coles score grid, with the books' current 1X2 prices priced against it. */
  fairPrices: publicProcedure
    .meta({
      scope: 'read:markets',
      weight: WEIGHT.price,
      openapi: { method: 'GET', path: '/soccer/fixtures/{fixtureId}/fair-prices', tags: ['soccer'], summary: 'Fair prices of every market, and the books’ 1X2 priced against them' },
    })
    .input(soccerFairPricesInput).query(({ ctx, input }) => soccerFairPrices({ ctx, input })),
  /** The books' 1X2 price history, per selection and book, for odds-movement charts. */
  oddsHistory: publicProcedure
    .meta({
      scope: 'read:markets',
      weight: WEIGHT.read,
      openapi: { method: 'GET', path: '/soccer/fixtures/{fixtureId}/odds-history', tags: ['soccer'], summary: 'The books’ 1X2 price history of a match, per selection and book' },
    })
    .input(soccerOddsHistoryInput).query(({ ctx, input }) => soccerOddsHistory({ ctx, input })),
});
