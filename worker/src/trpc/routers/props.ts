import { fixtureProps, fixturePropsInput, pricePropLine, pricePropLineInput, propValueBets, propValueBetsInput } from '../../services/nfl/props/index.ts';
import { publicProcedure, router } from '../init.ts';

export const propsRouter = router({
  /** Every player projection of an NFL game with the books' lines priced by the model. */
  byFixture: publicProcedure.input(fixturePropsInput).query(({ ctx, input }) => fixtureProps({ ctx, input })),
  /** P(over/under/push) and fair odds of one player's market at any whole or half line. */
  priceLine: publicProcedure.input(pricePropLineInput).query(({ ctx, input }) => pricePropLine({ ctx, input })),
  /** The value finder: every upcoming prop price with model EV ≥ minEdge, best first. */
  valueBets: publicProcedure.input(propValueBetsInput.optional()).query(({ ctx, input }) => propValueBets({ ctx, input: input ?? {} })),
});
