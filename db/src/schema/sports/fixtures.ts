import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { fixtureStatusEnum, sportEnum } from '../enums.ts';
import { competitions, seasons } from './competitions.ts';
import { teams } from './teams.ts';

/**
 * A game: two teams, a kick-off time (UTC), a status and, once played, the full-time scores (half-time ones
 * and shots on target for soccer) — goals for soccer, points for the NFL. `week` is the NFL week; `updatedAt` moves on every
 * ingestion write that changes the row, which is how changed fixtures are found and pushed to the rooms.
 */
export const fixtures = pgTable(
  'fixtures',
  {
    id: serial('id').primaryKey(),
    sport: sportEnum('sport').notNull(),
    competitionId: integer('competition_id')
      .notNull()
      .references(() => competitions.id),
    seasonId: integer('season_id')
      .notNull()
      .references(() => seasons.id),
    /**
     * Source-neutral natural key that makes upserts idempotent: `<competition>:<season>:<home>:<away>` for
     * league soccer (each pairing is played once per venue per season), the nflverse game_id for the NFL.
     */
    naturalKey: text('natural_key').notNull().unique(),
    homeTeamId: integer('home_team_id')
      .notNull()
      .references(() => teams.id),
    awayTeamId: integer('away_team_id')
      .notNull()
      .references(() => teams.id),
    kickoffAt: timestamp('kickoff_at', { withTimezone: true }).notNull(),
    status: fixtureStatusEnum('status').notNull().default('scheduled'),
    neutralVenue: boolean('neutral_venue').notNull().default(false),
    week: integer('week'),
    homeScore: integer('home_score'),
    awayScore: integer('away_score'),
    homeScoreHt: integer('home_score_ht'),
    awayScoreHt: integer('away_score_ht'),
    /**
     * Soccer shots on target (football-data HST/AST) when the source has them: the shots-on-target ratings and
     * form features the default soccer model and the GBDT variants read, so training from the database sees what
     * training from the CSVs sees. Null for the NFL and for files without the columns.
     */
    homeShotsOnTarget: integer('home_shots_on_target'),
    awayShotsOnTarget: integer('away_shots_on_target'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fixtures_kickoff_idx').on(t.kickoffAt),
    index('fixtures_competition_kickoff_idx').on(t.competitionId, t.kickoffAt),
  ],
);
