import { fixtureProps, fixturePropsInput, pricePropLine, pricePropLineInput } from '../../services/props/index.ts';
import { publicProcedure, router } from '../init.ts';

export const propsRouter = router({
  /** Every player projection of an NFL game with the books' lines priced by the model. */
  byFixture: publicProcedure.input(fixturePropsInput).query(({ ctx, input }) => fixtureProps({ ctx, input })),
  /** P(over/under/push) and fair odds of one player's market at any whole or half line. */
  priceLine: publicProcedure.input(pricePropLineInput).query(({ ctx, input }) => pricePropLine({ ctx, input })),
});
