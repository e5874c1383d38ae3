import { doublePrecision, integer, jsonb, pgTable, real, serial, text, unique } from 'drizzle-orm/pg-core';
import { fixtures } from './fixtures.ts';
import { players } from './players.ts';
import { teams } from './teams.ts';

/** One row per player per game. The prop markets read the typed columns; everything else rides in `extra`. */
export const playerGameStats = pgTable(
  'player_game_stats',
  {
    id: serial('id').primaryKey(),
    playerId: integer('player_id')
      .notNull()
      .references(() => players.id),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    teamId: integer('team_id').references(() => teams.id),
    opponentTeamId: integer('opponent_team_id').references(() => teams.id),
    position: text('position'),
    completions: integer('completions'),
    passAttempts: integer('pass_attempts'),
    passingYards: real('passing_yards'),
    passingTds: integer('passing_tds'),
    interceptions: integer('interceptions'),
    carries: integer('carries'),
    rushingYards: real('rushing_yards'),
    rushingTds: integer('rushing_tds'),
    targets: integer('targets'),
    receptions: integer('receptions'),
    receivingYards: real('receiving_yards'),
    receivingTds: integer('receiving_tds'),
    // What the prop models' features read beyond the counting stats (ml/src/nfl/props/weekly.ts STATS). Double
    // precision: the shares are fractions, and training from the database must read what the CSV said, bit for bit.
    /** Times the passer was sacked (nflverse `sacks`, later `sacks_suffered`). */
    sacks: doublePrecision('sacks'),
    passingAirYards: doublePrecision('passing_air_yards'),
    receivingAirYards: doublePrecision('receiving_air_yards'),
    /** The player's share of his team's targets in the game (0–1). */
    targetShare: doublePrecision('target_share'),
    /** The player's share of his team's air yards in the game. */
    airYardsShare: doublePrecision('air_yards_share'),
    extra: jsonb('extra').$type<Record<string, number | string | null>>(),
  },
  (t) => [unique('player_game_stats_natural_key').on(t.playerId, t.fixtureId)],
);
