/**
 * The response schemas of the REST routes, for the OpenAPI document only. trpc-to-openapi documents a procedure's
 * answer from its `.output()` parser, but an `.output()` on the tRPC procedures themselves would validate every
 * answer at run time and — worse — retype the AppRouter the web app and the typed client rely on. So the answers
 * are documented here, loosely: objects are `looseObject`s (fields beyond those listed may appear), the fields a
 * partner needs to find their way are typed, deeper structures are described and left open. The exact types are
 * the TypeScript ones a TypeScript partner gets from `@fairline/client`. Dates are ISO 8601 strings.
 * Nothing here ever runs against an answer.
 */
import { SPORTS } from '@fairline/db';
import { z } from 'zod';

const isoDate = z.string().meta({ description: 'ISO 8601 date-time (UTC)', format: 'date-time' });
const modelVersion = z.looseObject({ id: z.number().int(), version: z.number().int(), status: z.string(), simulated: z.boolean() });

const fixture = z
  .looseObject({
    id: z.number().int(),
    sport: z.enum(['soccer', 'nfl']),
    competition: z.string(),
    competitionName: z.string(),
    simulated: z.boolean().meta({ description: 'true for the demo seed’s simulated fixtures' }),
    kickoffAt: isoDate,
    status: z.enum(['scheduled', 'live', 'final', 'postponed', 'cancelled']),
    homeTeam: z.string(),
    awayTeam: z.string(),
    homeScore: z.number().int().nullable(),
    awayScore: z.number().int().nullable(),
    neutralVenue: z.boolean(),
    week: z.number().int().nullable(),
  })
  .meta({ id: 'Fixture' });

const valueBetCommon = {
  fixtureId: z.number().int(),
  kickoffAt: isoDate,
  homeTeam: z.string(),
  awayTeam: z.string(),
  bookmaker: z.string(),
  price: z.number().meta({ description: 'decimal odds' }),
  capturedAt: isoDate,
  expectedValue: z.number().meta({ description: 'model EV per unit staked at this price (0.05 = +5 %)' }),
  bookFair: z.number().nullable().meta({ description: 'the book’s margin-free probability of this side, when both sides are quoted' }),
  modelVersion,
};
const valueBets = <T extends z.ZodType>(bet: T, id: string) =>
  z
    .looseObject({
      asOf: isoDate,
      fixtures: z.number().int().meta({ description: 'upcoming games searched' }),
      bets: z.array(bet).meta({ description: 'best first: expected value, then kickoff' }),
    })
    .meta({ id });
const open = (description: string) => z.unknown().meta({ description });
/** services/monitoring/explanations.ts `Explanation`: why a GBDT prediction is what it is (TreeSHAP). */
const explanation = z
  .looseObject({
    modelVersionId: z.number().int(),
    target: z.string().meta({ description: '`mean` (a prop’s projected centre) or an outcome (`home`, `draw`, `away`)' }),
    scale: z.enum(['identity', 'log', 'logit']).meta({ description: 'identity: the prediction’s own units (`unit`); log/logit: the model’s margin, where contributions add up' }),
    unit: z.string(),
    base: z.number().meta({ description: 'the model’s average prediction over its training data' }),
    value: z.number().meta({ description: 'this prediction = base + Σ contributions (TreeSHAP local accuracy)' }),
    factors: z.array(z.looseObject({ feature: z.string(), label: z.string(), value: z.number().nullable(), contribution: z.number() }))
      .meta({ description: 'the largest contributions, largest |contribution| first (at most 5)' }),
    rest: z.number().meta({ description: 'Σ of the other features’ contributions' }),
  })
  .nullable()
  .meta({ id: 'Explanation', description: 'TreeSHAP explanation of the model’s prediction; null when the model has no trees or no stored feature row' });
const lineProbabilities = z.looseObject({ win: z.number(), push: z.number(), lose: z.number(), fairPrice: z.number() });
const boardPrice = z.looseObject({ bookmaker: z.string(), price: z.number(), expectedValue: z.number() });
const settlement = z.looseObject({ win: z.number(), halfWin: z.number(), push: z.number(), halfLoss: z.number(), loss: z.number() })
  .meta({ description: 'the model’s probability of each settlement (quarter lines can half-win or half-lose; they sum to 1)' });

const soccerGbdt = z.looseObject({
  kind: z.enum(['soccer_model', 'soccer_ensemble']),
  versionId: z.number().int(),
  version: z.number().int(),
  probabilities: z.looseObject({ home: z.number(), draw: z.number(), away: z.number() }),
});

/** The documented answer of each procedure served under /api/v1, by tRPC path. */
export const REST_OUTPUTS: Readonly<Record<string, z.ZodType>> = {
  'fixtures.list': z.array(fixture),
  'fixtures.byId': fixture,
  'fixtures.competitions': z.array(z.looseObject({ code: z.string(), name: z.string(), sport: z.enum(SPORTS), simulated: z.boolean() })),
  'soccer.fairPrices': z
    .looseObject({
      fixtureId: z.number().int(),
      model: z.looseObject({ kind: z.literal('soccer_dixon_coles'), versionId: z.number().int().nullable(), version: z.number().int().nullable() }),
      gbdt: soccerGbdt.nullable().meta({ description: 'the active soccer_model (no market input); when present the book is the Dixon–Coles grid reweighted to its 1X2' }),
      ensemble: soccerGbdt.nullable().meta({ description: 'the active soccer_ensemble (with the margin-free pre-close price): the best 1X2 forecast' }),
      explanations: z.array(explanation).nullable().meta({ description: 'TreeSHAP factors of the ensemble (else the model) per outcome: home, draw, away' }),
      book: open('every market from one score grid (Dixon–Coles, reweighted to the GBDT model’s 1X2 when one is active): 1X2, totals, Asian handicaps, both teams to score, correct score (probabilities and fair decimal prices)'),
      quotes: z.array(
        z.looseObject({
          bookmaker: z.string(),
          capturedAt: isoDate,
          closing: z.boolean(),
          prices: z.looseObject({ home: z.number(), draw: z.number(), away: z.number() }),
          margin: z.number(),
          fair: z.looseObject({ home: z.number(), draw: z.number(), away: z.number() }).nullable(),
          expectedValue: z.looseObject({ home: z.number(), draw: z.number(), away: z.number() }),
        }),
      ),
      markets: z.array(
        z.looseObject({
          market: z.enum(['1x2', 'totals', 'asian_handicap', 'btts', 'draw_no_bet']),
          line: z.number().nullable().meta({ description: 'totals: the goal line; asian_handicap: the HOME handicap; otherwise null' }),
          bookmaker: z.string(),
          capturedAt: isoDate,
          closing: z.boolean(),
          margin: z.number().nullable().meta({ description: 'sum of implied probabilities − 1; null when the book lacks a side' }),
          selections: z.array(z.looseObject({
            selection: z.string(), price: z.number(), model: settlement, fairPrice: z.number(), bookFair: z.number().nullable(), expectedValue: z.number(),
          })),
        }),
      ).meta({ description: 'every book’s current quote of each market and line, priced by the model (push and half results counted)' }),
    })
    .meta({ id: 'SoccerFairPrices' }),
  'nfl.props.byFixture': z
    .looseObject({
      fixtureId: z.number().int(),
      players: z.array(
        z.looseObject({
          playerId: z.number().int(),
          name: z.string(),
          position: z.string().nullable(),
          team: z.string().nullable(),
          markets: z.array(
            z.looseObject({
              market: z.string(),
              modelVersion,
              mean: z.number(),
              median: z.number(),
              q10: z.number().nullable(),
              q90: z.number().nullable(),
              quotes: z.array(open('one book’s line: over/under prices with their EV, the margin, the fair split and the model’s P(over/under/push)')),
              explanation,
            }),
          ),
        }),
      ),
    })
    .meta({ id: 'FixtureProps' }),
  'nfl.props.priceLine': z
    .looseObject({
      fixtureId: z.number().int(),
      playerId: z.number().int(),
      market: z.string(),
      modelVersion,
      mean: z.number(),
      price: open('P(over), P(under), P(push) and the fair decimal prices of both sides at the line'),
    })
    .meta({ id: 'PricedPropLine' }),
  'nfl.props.player': z
    .looseObject({
      player: z.looseObject({ id: z.number().int(), name: z.string(), position: z.string().nullable(), team: z.string().nullable() }),
      gameLog: z.array(z.looseObject({ fixtureId: z.number().int(), kickoffAt: isoDate, season: z.string().nullable(), opponent: z.string().nullable(), home: z.boolean() }))
        .meta({ description: 'finished games, newest first, each with its box score (passing, rushing, receiving; null where not recorded)' }),
      next: z
        .looseObject({
          fixtureId: z.number().int(), kickoffAt: isoDate, homeTeam: z.string(), awayTeam: z.string(),
          markets: z.array(z.looseObject({
            market: z.string(), simulated: z.boolean(), mean: z.number(), bookLine: z.number().nullable(), line: z.number(),
            distribution: open('the predictive law as a histogram: bins { from, to, p } in the market’s units'),
            overCurve: open('calibrated P(over) at half lines across the law’s 2–98 % range: { line, over }'),
            hitRates: open('last5, last10, season: { games, overs, pushes, rate } at `line`'),
            explanation,
          })),
        })
        .nullable(),
    })
    .meta({ id: 'PlayerPage' }),
  'soccer.oddsHistory': z
    .looseObject({
      fixtureId: z.number().int(),
      selections: open('home, draw, away: each a list of { bookmaker, points: [{ at, price }] } in capture order'),
    })
    .meta({ id: 'SoccerOddsHistory' }),
  'nfl.props.valueBets': valueBets(
    z.looseObject({
      ...valueBetCommon,
      playerId: z.number().int(),
      player: z.string(),
      team: z.string().nullable(),
      market: z.string(),
      line: z.number(),
      side: z.enum(['over', 'under']),
      model: lineProbabilities,
    }),
    'PropValueBets',
  ),
  'nfl.gameLines.byFixture': z
    .looseObject({
      fixtureId: z.number().int(),
      model: z.looseObject({ id: z.number().int(), version: z.number().int(), status: z.string(), simulated: z.boolean() }),
      method: z.string(),
      consensus: open('the consensus spread and total (line, books, each book’s main line)'),
      prices: open('the model’s home cover, game total and moneyline probabilities and fair prices, and the expected margin'),
      quotes: z.array(open('one book’s spread/total/moneyline quote: line, main or alternative, prices with model probabilities and EV')),
    })
    .meta({ id: 'NflGameLines' }),
  'nfl.gameLines.priceLine': z
    .looseObject({
      fixtureId: z.number().int(),
      market: z.enum(['spread', 'total']),
      line: z.number(),
      consensus: z.number(),
      sides: z.array(z.looseObject({ selection: z.enum(['home', 'away', 'over', 'under']), probability: z.number(), fairPrice: z.number() })),
      push: z.number(),
    })
    .meta({ id: 'PricedGameLine' }),
  'nfl.gameLines.valueBets': valueBets(
    z.looseObject({
      ...valueBetCommon,
      market: z.enum(['spread', 'total', 'moneyline']),
      line: z.number().nullable(),
      consensus: z.number().nullable(),
      main: z.boolean(),
      selection: z.enum(['home', 'away', 'over', 'under']),
      model: lineProbabilities,
    }),
    'GameLineValueBets',
  ),
  'nfl.props.board': z
    .looseObject({
      asOf: isoDate,
      fixtures: z.number().int().meta({ description: 'upcoming games with projections searched' }),
      bookmakers: z.array(z.string()),
      rows: z.array(z.looseObject({
        fixtureId: z.number().int(), kickoffAt: isoDate, homeTeam: z.string(), awayTeam: z.string(),
        playerId: z.number().int(), player: z.string(), position: z.string().nullable(), team: z.string().nullable(),
        market: z.string(), line: z.number(), mean: z.number(), median: z.number(),
        model: open('P(over), P(under), P(push) at the line and both fair prices'),
        books: z.array(open('one book’s over and under price at the line, each with the model’s EV, and its margin')),
        bestOver: boardPrice.nullable(), bestUnder: boardPrice.nullable(),
        edge: z.number().nullable().meta({ description: 'the larger EV of the two best prices' }),
        modelVersion,
      })).meta({ description: 'one per player, market and line, in kickoff order' }),
    })
    .meta({ id: 'PropsBoard' }),
  'soccer.valueBets': valueBets(
    z.looseObject({
      ...valueBetCommon,
      market: z.enum(['1x2', 'totals', 'asian_handicap', 'btts', 'draw_no_bet']),
      line: z.number().nullable().meta({ description: 'totals: the goal line; asian_handicap: the HOME handicap; otherwise null' }),
      selection: z.string(),
      model: settlement.extend({ fairPrice: z.number() }),
      margin: z.number().nullable(),
    }),
    'SoccerValueBets',
  ),
  'trackRecord.summary': z
    .looseObject({
      minEdge: z.number().meta({ description: 'the stated edge: picks have model EV per unit staked at least this' }),
      horizonDays: z.number().int(),
      stake: z.number().meta({ description: 'every pick’s flat stake, in currency units' }),
      currency: z.string(),
      portfolioId: z.string().nullable(),
      bets: z.number().int(),
      settled: z.number().int(),
      pending: z.number().int(),
      pnl: z.number(),
      roi: z.number().nullable().meta({ description: 'P&L ÷ staked over settled picks' }),
      clv: z.number().nullable().meta({ description: 'mean CLV over picks with a closing line' }),
      stats: z.looseObject({}).nullable().meta({ description: 'the system portfolio’s statistics, as portfolios.stats answers them' }),
      audit: z.looseObject({ head: z.string().nullable().meta({ description: 'hash of the audit chain’s last entry' }), length: z.number().int() }),
      picks: z.array(z.looseObject({ id: z.string(), fixture: z.looseObject({ id: z.number().int() }), market: z.string(), selection: z.string(), line: z.number().nullable(), bookmaker: z.string().nullable(), price: z.number(), stake: z.number(), result: z.string(), placedAt: isoDate })).meta({ description: 'newest first, at most 500' }),
    })
    .meta({ id: 'TrackRecord' }),
  'models.overview': z
    .looseObject({
      kinds: z.array(z.looseObject({
        kind: z.string().meta({ description: 'soccer_dixon_coles, soccer_model, soccer_ensemble, nfl_game_lines, nfl_props' }),
        scopes: z.array(z.looseObject({
          scope: z.string().meta({ description: "'soccer:<competition code>', 'nfl', 'nfl:<prop market>'" }),
          active: z.looseObject({ id: z.number().int(), version: z.number().int(), metrics: z.record(z.string(), z.number()) }).nullable(),
          versions: z.array(z.looseObject({ id: z.number().int(), version: z.number().int(), status: z.string(), createdAt: isoDate })).meta({ description: 'newest first, at most 20 (and the active one)' }),
          backtest: z.array(z.looseObject({ version: z.number().int(), at: isoDate, model: z.looseObject({}), market: z.looseObject({}) })).meta({ description: 'per version, oldest first: RPS and log loss of the model and of the margin-free market on its backtest matches (lower is better)' }),
          reliability: z.looseObject({ source: z.enum(['backtest', 'settled']), n: z.number().int(), series: z.array(z.looseObject({ label: z.string(), bins: z.array(z.looseObject({ lower: z.number(), upper: z.number(), count: z.number(), predicted: z.number(), observed: z.number() })) })) }).nullable(),
        })),
      })),
      history: z.array(z.looseObject({ at: isoDate, action: z.string(), kind: z.string().nullable(), scope: z.string().nullable(), version: z.number().int().nullable(), actor: z.enum(['admin', 'system', 'operator']), reason: z.string().nullable() })).meta({ description: 'registry changes, newest first, at most 50' }),
    })
    .meta({ id: 'ModelsOverview' }),
  'system.health': z
    .looseObject({
      status: z.enum(['ok', 'degraded', 'down']),
      tiers: z.looseObject({ postgres: z.string(), redis: z.string() }),
      degraded: z.array(z.string()),
      latencyMs: z.looseObject({ postgres: z.number().nullable(), redis: z.number().nullable() }),
    })
    .meta({ id: 'Health' }),
};
