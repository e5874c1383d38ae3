import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  real,
  serial,
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
 * Append-only price history. A new row only when a price changes (the natural key includes the capture
 * time, and writers skip prices equal to the latest one). `line` is the handicap/total; `prop` names the
 * player-prop stat. NULLs are not distinct in the key so re-ingesting a file is a no-op.
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
    /**
     * Latest feed update at which this price was still quoted (live feeds only; NULL = `captured_at`). Rows are
     * appended only when a price changes, so without it a line the book withdrew, or moved away from and back
     * to, could not be told from the one it quotes now: current lines are those seen at the book's latest update.
     */
    seenAt: timestamp('seen_at', { withTimezone: true }),
    closing: boolean('closing').notNull().default(false),
    source: text('source').notNull(),
  },
  (t) => [
    unique('odds_snapshots_natural_key')
      .on(t.fixtureId, t.bookmakerId, t.market, t.selection, t.line, t.playerId, t.prop, t.closing, t.capturedAt)
      .nullsNotDistinct(),
    index('odds_snapshots_fixture_idx').on(t.fixtureId, t.market),
  ],
);
