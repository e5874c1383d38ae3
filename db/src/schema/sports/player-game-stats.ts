import { integer, jsonb, pgTable, real, serial, text, unique } from 'drizzle-orm/pg-core';
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
    extra: jsonb('extra').$type<Record<string, number | string | null>>(),
  },
  (t) => [unique('player_game_stats_natural_key').on(t.playerId, t.fixtureId)],
);
