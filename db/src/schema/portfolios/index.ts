/**
 * Portfolios and the bets tracked in them. Money is exact: every amount (starting bankroll, stake, P&L) is a
 * `bigint` number of MINOR UNITS of the portfolio's currency (cents for EUR; the currency's ISO 4217 exponent),
 * the unit @fairline/ml's portfolio engine settles in (ml/src/portfolio/money.ts). Prices are decimal odds,
 * `numeric(12, 6)` — the precision the engine counts a price to — so a stored P&L can always be recomputed from the
 * stored price and stake. Probabilities and CLV are ratios, not money (double precision).
 *
 * Ownership is in the rows: a bet carries its owner (`user_id`) and a composite foreign key to (portfolio, owner),
 * so a bet can never sit in another user's portfolio and every query can scope by the caller; the idempotency key
 * of a placement (`client_ref`) is unique per user.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/index.ts';
import { betResultEnum, betSourceEnum, closingSourceEnum, settlementKindEnum } from '../enums.ts';
import { modelVersions } from '../models/index.ts';
import { bookmakers, type Market } from '../odds/index.ts';
import { fixtures } from '../sports/fixtures.ts';
import { players } from '../sports/players.ts';

/** A decimal price as the engine counts it: up to 6 decimal places, read back as a JS number. */
const price = (name: string) => numeric(name, { precision: 12, scale: 6, mode: 'number' });
/** An amount of money in minor units (safe integers in JS: up to 9 007 199 254 740 991). */
const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * A user's named bankroll that bets are tracked in: its currency (ISO 4217 code) and starting bankroll in that
 * currency's minor units; archived portfolios keep their bets and statistics but take no new bets.
 */
export const portfolios = pgTable(
  'portfolios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    currency: text('currency').notNull().default('EUR'),
    /** Minor units of `currency` (1000 EUR = 100000). */
    startingBankroll: money('starting_bankroll').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('portfolios_natural_key').on(t.userId, t.name),
    // The target of bets' (portfolio, owner) foreign key.
    unique('portfolios_id_user_key').on(t.id, t.userId),
    check('portfolios_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('portfolios_starting_bankroll_positive', sql`${t.startingBankroll} > 0`),
    check('portfolios_name_not_blank', sql`btrim(${t.name}) <> ''`),
  ],
);

/**
 * A bet as taken, then as closed and settled. `market`/`selection`/`line` follow the engine's conventions
 * (ml/src/portfolio/bet.ts): `line` is the total for totals and props and the HOME team's handicap for
 * `asian_handicap` and `spread` whichever side was backed (odds_snapshots store each side's own handicap; the
 * placing verb converts with pricing.flipHandicap); `player_id` and `prop` name a player prop. The closing
 * columns are filled when the fixture starts, the result columns when it is settled; `bet_settlements` keeps
 * every settlement, so a corrected result re-settles with a new entry instead of overwriting silently.
 */
export const bets = pgTable(
  'bets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    portfolioId: uuid('portfolio_id').notNull(),
    /** The owner, equal to the portfolio's (enforced by the composite foreign key). */
    userId: uuid('user_id').notNull(),
    /** The caller's idempotency key: placing the same reference twice returns the first bet. */
    clientRef: text('client_ref').notNull(),
    source: betSourceEnum('source').notNull().default('quote'),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    market: text('market').$type<Market>().notNull(),
    selection: text('selection').notNull(),
    line: real('line'),
    playerId: integer('player_id').references(() => players.id),
    /** The player prop's statistic (odds_snapshots.prop), e.g. 'passing_yards'. */
    prop: text('prop'),
    /** The book the bet was placed with; null when it is not one we store. */
    bookmakerId: integer('bookmaker_id').references(() => bookmakers.id),
    priceTaken: price('price_taken').notNull(),
    /** Minor units of the portfolio's currency. */
    stake: money('stake').notNull(),
    /** The model's probability of the selection at placement, and the model version that gave it. */
    modelProbability: doublePrecision('model_probability'),
    modelVersionId: integer('model_version_id').references(() => modelVersions.id),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    /** The closing quote of the selection, whose it was, its margin-free probability, and CLV = price taken ÷ fair closing price − 1. */
    closingPrice: price('closing_price'),
    closingSource: closingSourceEnum('closing_source'),
    closingBookmakerId: integer('closing_bookmaker_id').references(() => bookmakers.id),
    fairClosingProbability: doublePrecision('fair_closing_probability'),
    clv: doublePrecision('clv'),
    closingCapturedAt: timestamp('closing_captured_at', { withTimezone: true }),
    result: betResultEnum('result').notNull().default('pending'),
    /** Minor units; null while pending. The latest settlement's (bet_settlements keeps them all). */
    pnl: money('pnl'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: 'bets_portfolio_owner_fk', columns: [t.portfolioId, t.userId], foreignColumns: [portfolios.id, portfolios.userId] }).onDelete('cascade'),
    unique('bets_client_ref_key').on(t.userId, t.clientRef),
    index('bets_portfolio_idx').on(t.portfolioId, t.placedAt),
    index('bets_fixture_idx').on(t.fixtureId),
    // The settlement cron's work list: pending bets by fixture.
    index('bets_pending_fixture_idx').on(t.fixtureId).where(sql`${t.result} = 'pending'`),
    check('bets_stake_positive', sql`${t.stake} > 0`),
    check('bets_price_taken_above_one', sql`${t.priceTaken} > 1`),
    check('bets_closing_price_above_one', sql`${t.closingPrice} IS NULL OR ${t.closingPrice} > 1`),
    check('bets_model_probability_range', sql`${t.modelProbability} IS NULL OR (${t.modelProbability} >= 0 AND ${t.modelProbability} <= 1)`),
    check('bets_fair_closing_probability_range', sql`${t.fairClosingProbability} IS NULL OR (${t.fairClosingProbability} > 0 AND ${t.fairClosingProbability} <= 1)`),
    check('bets_client_ref_not_blank', sql`btrim(${t.clientRef}) <> ''`),
    // Pending ⇔ no P&L and no settlement time; a bet can lose at most its stake.
    check('bets_settled_consistent', sql`(${t.result} = 'pending') = (${t.pnl} IS NULL) AND (${t.result} = 'pending') = (${t.settledAt} IS NULL)`),
    check('bets_pnl_at_least_minus_stake', sql`${t.pnl} IS NULL OR ${t.pnl} >= -${t.stake}`),
    check('bets_player_prop_has_player', sql`(${t.market} = 'player_prop') = (${t.playerId} IS NOT NULL AND ${t.prop} IS NOT NULL)`),
  ],
);

/**
 * Every settlement of a bet, in order (`sequence` 1, 2, …): the result and P&L, and what it was settled on (the
 * final score, or a prop's statistic). The first is `settle`; a corrected result appends `resettle`; voiding
 * appends `void`. The bet row mirrors the latest entry.
 */
export const betSettlements = pgTable(
  'bet_settlements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    betId: uuid('bet_id')
      .notNull()
      .references(() => bets.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    kind: settlementKindEnum('kind').notNull(),
    result: betResultEnum('result').notNull(),
    /** Minor units. */
    pnl: money('pnl').notNull(),
    homeScore: integer('home_score'),
    awayScore: integer('away_score'),
    statValue: doublePrecision('stat_value'),
    settledAt: timestamp('settled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('bet_settlements_sequence_key').on(t.betId, t.sequence),
    check('bet_settlements_sequence_positive', sql`${t.sequence} >= 1`),
    check('bet_settlements_not_pending', sql`${t.result} <> 'pending'`),
    check('bet_settlements_void_kind', sql`(${t.kind} = 'void') <= (${t.result} = 'void')`),
  ],
);
