import { integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sportEnum } from '../enums.ts';
import { teams } from './teams.ts';

/** Players (the NFL prop markets' subjects), keyed by sport and the source of record's id; `teamId` as first stored. */
export const players = pgTable(
  'players',
  {
    id: serial('id').primaryKey(),
    sport: sportEnum('sport').notNull(),
    /** Stable id from the source of record (nflverse gsis id, e.g. '00-0033873'). */
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    position: text('position'),
    teamId: integer('team_id').references(() => teams.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('players_natural_key').on(t.sport, t.externalId)],
);

/** How a source spells a player (the odds feed's names), mapped to the player the odds rows point at. */
export const playerAliases = pgTable(
  'player_aliases',
  {
    id: serial('id').primaryKey(),
    sport: sportEnum('sport').notNull(),
    source: text('source').notNull(),
    alias: text('alias').notNull(),
    playerId: integer('player_id')
      .notNull()
      .references(() => players.id),
  },
  (t) => [unique('player_aliases_natural_key').on(t.sport, t.source, t.alias)],
);
