import { soccerFairPrices, soccerFairPricesInput } from '../../services/soccer/fair-prices.ts';
import { publicProcedure, router } from '../init.ts';

/** Soccer: the model's fair prices (services/soccer). */
export const soccerRouter = router({
  /** Every market from one Dixon–Coles score grid, with the books' current 1X2 prices priced against it. */
  fairPrices: publicProcedure.meta({ scope: 'read:markets' }).input(soccerFairPricesInput).query(({ ctx, input }) => soccerFairPrices({ ctx, input })),
});
