import { boolean, date, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sportEnum } from '../enums.ts';

/** A league or tournament, keyed by its source-neutral code (football-data's `E0`, `NFL`, `SIM-SOC`). */
export const competitions = pgTable('competitions', {
  id: serial('id').primaryKey(),
  sport: sportEnum('sport').notNull(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  country: text('country'),
  /** True for the generated demo league the embedded default seeds; never mixed with real data. */
  simulated: boolean('simulated').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A competition's season, keyed by its label; fixtures belong to one. */
export const seasons = pgTable(
  'seasons',
  {
    id: serial('id').primaryKey(),
    competitionId: integer('competition_id')
      .notNull()
      .references(() => competitions.id),
    /** '2018/19' for soccer, '2019' for the NFL. */
    label: text('label').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
  },
  (t) => [unique('seasons_natural_key').on(t.competitionId, t.label)],
);
