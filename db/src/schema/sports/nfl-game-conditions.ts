import { boolean, doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { fixtures } from './fixtures.ts';

/**
 * An NFL game's pre-game conditions from the nflverse schedule (games.csv): each team's days of rest, the roof, wind
 * and temperature, a divisional game, the closing spread and total lines. The prop models' team context reads them (ml/src/nfl/games.ts TeamContext), so
 * training from the database sees what training from the file sees. One row per fixture; null where the file is empty.
 */
export const nflGameConditions = pgTable('nfl_game_conditions', {
  fixtureId: integer('fixture_id')
    .primaryKey()
    .references(() => fixtures.id),
  homeRest: integer('home_rest'),
  awayRest: integer('away_rest'),
  /** nflverse `roof`: dome, closed, open, outdoors. */
  roof: text('roof'),
  /** Miles per hour. */
  wind: doublePrecision('wind'),
  /** Degrees Fahrenheit. */
  temp: doublePrecision('temp'),
  divisional: boolean('divisional'),
  /**
   * The schedule's closing spread (nflverse `spread_line`: positive = home favoured) and total, kept even when the
   * file has no prices for them — odds rows need a price, the prop features need only the line.
   */
  spreadLine: doublePrecision('spread_line'),
  totalLine: doublePrecision('total_line'),
});
