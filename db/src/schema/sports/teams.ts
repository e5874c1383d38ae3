import { boolean, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sportEnum } from '../enums.ts';

/** A team of one sport under its canonical name; `simulated` marks the demo league's teams. */
export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    sport: sportEnum('sport').notNull(),
    /** Canonical display name ("Manchester United", "Kansas City Chiefs"). */
    name: text('name').notNull(),
    shortName: text('short_name'),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('teams_natural_key').on(t.sport, t.name)],
);

/**
 * How each source spells a team ("Man United" in football-data, "Manchester United" in an odds feed).
 * Ingestion resolves names only through this table: an unknown alias is a reject, never a new team.
 */
export const teamAliases = pgTable(
  'team_aliases',
  {
    id: serial('id').primaryKey(),
    sport: sportEnum('sport').notNull(),
    source: text('source').notNull(),
    alias: text('alias').notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
  },
  (t) => [unique('team_aliases_natural_key').on(t.sport, t.source, t.alias)],
);
