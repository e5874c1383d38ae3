import { gameLineValueBets, gameLineValueBetsInput, nflGameLines, nflGameLinesInput, nflPriceGameLine, nflPriceGameLineInput } from '../../services/nfl/game-lines/index.ts';
import { soccerFairPrices, soccerFairPricesInput } from '../../services/soccer/fair-prices.ts';
import { publicProcedure, router } from '../init.ts';

export const marketsRouter = router({
  soccerFairPrices: publicProcedure.input(soccerFairPricesInput).query(({ ctx, input }) => soccerFairPrices({ ctx, input })),
  /** NFL spread/total/moneyline: every book's quotes priced by the game-lines model centred on the consensus line. */
  nflGameLines: publicProcedure.input(nflGameLinesInput).query(({ ctx, input }) => nflGameLines({ ctx, input })),
  /** P(win/push) and fair odds of any whole or half spread (home handicap) or total. */
  nflPriceGameLine: publicProcedure.input(nflPriceGameLineInput).query(({ ctx, input }) => nflPriceGameLine({ ctx, input })),
  /** The value finder for game lines: every upcoming spread/total/moneyline price with model EV ≥ minEdge, best first. */
  nflGameLineValueBets: publicProcedure.input(gameLineValueBetsInput.optional()).query(({ ctx, input }) => gameLineValueBets({ ctx, input: input ?? {} })),
});
