import { soccerFairPrices, soccerFairPricesInput } from '../../services/markets/soccer-fair-prices.ts';
import { publicProcedure, router } from '../init.ts';

export const marketsRouter = router({
  soccerFairPrices: publicProcedure.input(soccerFairPricesInput).query(({ ctx, input }) => soccerFairPrices({ ctx, input })),
});
