import { doublePrecision, index, integer, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/index.ts';
import { betResultEnum } from '../enums.ts';
import { bookmakers } from '../odds/index.ts';
import { fixtures } from '../sports/fixtures.ts';
import { players } from '../sports/players.ts';

/** A user's named bankroll that bets are tracked in: currency (default EUR) and starting bankroll in it. */
export const portfolios = pgTable(
  'portfolios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    currency: text('currency').notNull().default('EUR'),
    startingBankroll: doublePrecision('starting_bankroll').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('portfolios_natural_key').on(t.userId, t.name)],
);

/** A bet as taken, then as closed and settled. `clientRef` is the idempotency key of the placement. */
export const bets = pgTable(
  'bets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id, { onDelete: 'cascade' }),
    clientRef: text('client_ref').notNull(),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    playerId: integer('player_id').references(() => players.id),
    bookmakerId: integer('bookmaker_id').references(() => bookmakers.id),
    market: text('market').notNull(),
    selection: text('selection').notNull(),
    line: real('line'),
    priceTaken: doublePrecision('price_taken').notNull(),
    stake: doublePrecision('stake').notNull(),
    modelProbability: doublePrecision('model_probability'),
    closingPrice: doublePrecision('closing_price'),
    result: betResultEnum('result').notNull().default('pending'),
    pnl: doublePrecision('pnl'),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    unique('bets_natural_key').on(t.portfolioId, t.clientRef),
    index('bets_fixture_idx').on(t.fixtureId),
  ],
);
