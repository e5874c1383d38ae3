import { soccerFairPrices, soccerFairPricesInput } from '../../services/soccer/fair-prices.ts';
import { soccerOddsHistory, soccerOddsHistoryInput } from '../../services/soccer/odds-history.ts';
import { soccerValueBets, soccerValueBetsInput } from '../../services/soccer/value-bets.ts';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { cachedQuery } from '../cached-query.ts';
import { publicProcedure, router } from '../init.ts';

/** Soccer: the model's fair prices and the books' price history (services/soccer). */
export const soccerRouter = router({
  /** Every market from one Dixon–Coles score grid, with every book's current quotes of every market priced against it. */
  fairPrices: publicProcedure
    .meta({
      scope: 'read:markets',
      weight: WEIGHT.price,
      openapi: { method: 'GET', path: '/soccer/fixtures/{fixtureId}/fair-prices', tags: ['soccer'], summary: 'Fair prices of every market, and every book’s quotes (1X2, totals, Asian handicap, BTTS, DNB) priced against them' },
    })
    .input(soccerFairPricesInput).query(cachedQuery('soccer', ({ ctx, input }) => soccerFairPrices({ ctx, input }))),
  /** The books' 1X2 price history, per selection and book, for odds-movement charts. */
  oddsHistory: publicProcedure
    .meta({
      scope: 'read:markets',
      weight: WEIGHT.read,
      openapi: { method: 'GET', path: '/soccer/fixtures/{fixtureId}/odds-history', tags: ['soccer'], summary: 'The books’ 1X2 price history of a match, per selection and book' },
    })
    .input(soccerOddsHistoryInput).query(cachedQuery('soccer', ({ ctx, input }) => soccerOddsHistory({ ctx, input }))),
  /** The soccer value finder: every upcoming book price of 1X2, totals, AH, BTTS and DNB with model EV ≥ minEdge, best first. */
  valueBets: publicProcedure
    .meta({
      scope: 'read:markets',
      weight: WEIGHT.scan,
      openapi: { method: 'GET', path: '/soccer/value-bets', tags: ['soccer'], summary: 'Value bets on soccer markets: every upcoming price with model EV ≥ minEdge, best first' },
    })
    .input(soccerValueBetsInput.optional()).query(cachedQuery('soccer', ({ ctx, input }) => soccerValueBets({ ctx, input: input ?? {} }))),
});
