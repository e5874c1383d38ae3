import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  real,
  serial,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { fixtures } from '../sports/fixtures.ts';
import { players } from '../sports/players.ts';

/** The books whose prices are stored, plus the market aggregates football-data publishes (average, maximum). */
export const bookmakers = pgTable('bookmakers', {
  id: serial('id').primaryKey(),
  /** Stable key: 'pinnacle', 'bet365', 'market_avg', 'market_max', 'draftkings' … */
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
});

/** Market vocabulary shared by odds, predictions and bets. */
export const MARKETS = [
  '1x2',
  'totals',
  'asian_handicap',
  'btts',
  'draw_no_bet',
  'correct_score',
  'moneyline',
  'spread',
  'game_total',
  'player_prop',
] as const;
export type Market = (typeof MARKETS)[number];

/**
 * Append-only price history: the database refuses UPDATE, DELETE and TRUNCATE for every role (trigger
 * `refuse_change_append_only`, migration 0015). A new row only when a price changes (the natural key includes the
 * capture time, and writers skip prices equal to the latest one); a corrected price (a results file re-issued) is
 * a new row with the next `revision`, and readers take the newest row (highest capture time, then id). `line` is
 * the handicap/total; `prop` names the player-prop stat. NULLs are not distinct in the key so re-ingesting a file
 * is a no-op. When a live feed last still quoted a row is kept apart, in `odds_sightings`.
 */
export const oddsSnapshots = pgTable(
  'odds_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    bookmakerId: integer('bookmaker_id')
      .notNull()
      .references(() => bookmakers.id),
    market: text('market').$type<Market>().notNull(),
    selection: text('selection').notNull(),
    line: real('line'),
    playerId: integer('player_id').references(() => players.id),
    prop: text('prop'),
    price: doublePrecision('price').notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    closing: boolean('closing').notNull().default(false),
    source: text('source').notNull(),
    /** 0 for a price as first stored; a correction of the same price at the same capture time is the next one. */
    revision: smallint('revision').notNull().default(0),
  },
  (t) => [
    unique('odds_snapshots_natural_key')
      .on(t.fixtureId, t.bookmakerId, t.market, t.selection, t.line, t.playerId, t.prop, t.closing, t.capturedAt, t.revision)
      .nullsNotDistinct(),
    index('odds_snapshots_fixture_idx').on(t.fixtureId, t.market),
  ],
);

/**
 * When a live feed last still quoted a stored price: one row per `odds_snapshots` row seen at a later update than
 * its capture (no row = seen only when captured). Odds rows are appended only when a price changes, so without this
 * a line the book withdrew, or moved away from and back to, could not be told from the one it quotes now: a book's
 * current lines are those seen at its latest update (`currentPrices`). Kept apart from the price history so that
 * history stays append-only while a sighting moves forward at every poll (the one UPDATE a poll makes).
 */
export const oddsSightings = pgTable('odds_sightings', {
  snapshotId: bigint('snapshot_id', { mode: 'number' })
    .primaryKey()
    .references(() => oddsSnapshots.id),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});
