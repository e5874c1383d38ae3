import { gameLineValueBets, gameLineValueBetsInput, nflGameLines, nflGameLinesInput, nflPriceGameLine, nflPriceGameLineInput } from '../../services/nfl/game-lines/index.ts';
import { fixtureProps, fixturePropsInput, playerPage, playerPageInput, pricePropLine, pricePropLineInput, propsBoard, propsBoardInput, propValueBets, propValueBetsInput } from '../../services/nfl/props/index.ts';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { cachedQuery } from '../cached-query.ts';
import { publicProcedure, router } from '../init.ts';

/** NFL: player props and game lines (services/nfl). */
export const nflRouter = router({
  props: router({
    /** Every player projection of an NFL game with the books' lines priced by the model. */
    byFixture: publicProcedure
      .meta({ scope: 'read:props', weight: WEIGHT.price, openapi: { method: 'GET', path: '/nfl/fixtures/{fixtureId}/props', tags: ['nfl'], summary: 'Player props of an NFL game: projections and every book’s lines priced' } })
      .input(fixturePropsInput).query(cachedQuery('nfl', ({ ctx, input }) => fixtureProps({ ctx, input }))),
    /** P(over/under/push) and fair price of one player's market at any whole or half line. */
    priceLine: publicProcedure
      .meta({ scope: 'read:props', weight: WEIGHT.price, openapi: { method: 'GET', path: '/nfl/props/price-line', tags: ['nfl'], summary: 'P(over/under/push) and fair price of one player’s market at any line' } })
      .input(pricePropLineInput).query(cachedQuery('nfl', ({ ctx, input }) => pricePropLine({ ctx, input }))),
    /** The value finder: every upcoming prop price with model EV ≥ minEdge, best first. */
    valueBets: publicProcedure
      .meta({ scope: 'read:props', weight: WEIGHT.scan, openapi: { method: 'GET', path: '/nfl/props/value-bets', tags: ['nfl'], summary: 'Value bets on player props: every upcoming price with model EV ≥ minEdge, best first' } })
      .input(propValueBetsInput.optional()).query(cachedQuery('nfl', ({ ctx, input }) => propValueBets({ ctx, input: input ?? {} }))),
    /** The player page: game log, next game's projections with their distribution, P(over) by line and hit rates. */
    player: publicProcedure
      .meta({ scope: 'read:props', weight: WEIGHT.price, openapi: { method: 'GET', path: '/nfl/players/{playerId}', tags: ['nfl'], summary: 'An NFL player: game log, projections with their predictive distribution, P(over) by line, hit rates at the books’ line' } })
      .input(playerPageInput).query(cachedQuery('nfl', ({ ctx, input }) => playerPage({ ctx, input }))),
    /** The props board: the slate's props, one row per player, market and line, every book's prices and the best of each side. */
    board: publicProcedure
      .meta({ scope: 'read:props', weight: WEIGHT.scan, openapi: { method: 'GET', path: '/nfl/props/board', tags: ['nfl'], summary: 'The props board: every upcoming player prop line with every book’s prices, the best of each side and the model’s EV' } })
      .input(propsBoardInput.optional()).query(cachedQuery('nfl', ({ ctx, input }) => propsBoard({ ctx, input: input ?? {} }))),
  }),
  gameLines: router({
    /** Spread/total/moneyline: every book's quotes priced by the game-lines model centred on the consensus line. */
    byFixture: publicProcedure
      .meta({ scope: 'read:markets', weight: WEIGHT.price, openapi: { method: 'GET', path: '/nfl/fixtures/{fixtureId}/game-lines', tags: ['nfl'], summary: 'Spread, total and moneyline of an NFL game: every book’s quotes priced by the model' } })
      .input(nflGameLinesInput).query(cachedQuery('nfl', ({ ctx, input }) => nflGameLines({ ctx, input }))),
    /** P(win/push) and fair price of any whole or half spread (home handicap) or total. */
    priceLine: publicProcedure
      .meta({ scope: 'read:markets', weight: WEIGHT.price, openapi: { method: 'GET', path: '/nfl/game-lines/price-line', tags: ['nfl'], summary: 'P(win/push) and fair price of any spread or total' } })
      .input(nflPriceGameLineInput).query(cachedQuery('nfl', ({ ctx, input }) => nflPriceGameLine({ ctx, input }))),
    /** The value finder for game lines: every upcoming spread/total/moneyline price with model EV ≥ minEdge, best first. */
    valueBets: publicProcedure
      .meta({ scope: 'read:markets', weight: WEIGHT.scan, openapi: { method: 'GET', path: '/nfl/game-lines/value-bets', tags: ['nfl'], summary: 'Value bets on game lines: every upcoming spread/total/moneyline price with model EV ≥ minEdge, best first' } })
      .input(gameLineValueBetsInput.optional()).query(cachedQuery('nfl', ({ ctx, input }) => gameLineValueBets({ ctx, input: input ?? {} }))),
  }),
});
