// The web app's per-user display preferences (odds format, time zone).
import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/index.ts';
import { oddsFormatEnum } from '../enums.ts';

/**
 * A user's display preferences for the web app: one row per user (created on the first change; no row = the
 * defaults), deleted with the account. `time_zone` is an IANA zone name chosen by the user, or null for "the
 * browser's own zone" (the usual case — the browser knows where it is, the server does not).
 */
export const userPreferences = pgTable(
  'user_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    oddsFormat: oddsFormatEnum('odds_format').notNull().default('decimal'),
    timeZone: text('time_zone'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // IANA names are short (the longest is 32 characters); the bound keeps junk out.
  (t) => [check('user_preferences_time_zone_len', sql`${t.timeZone} is null or char_length(${t.timeZone}) between 1 and 64`)],
);
