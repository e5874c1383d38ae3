import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { apiScopeEnum, planEnum, userRoleEnum } from '../enums.ts';

/**
 * User accounts (sessions, API keys and portfolios hang off them). `email` is stored normalised (trimmed, lower case)
 * and unique case-insensitively (`users_email_lower_key` on lower(email), so a writer that forgot to normalise still
 * cannot create a twin). `role` is 'user' or 'admin' (USER_ROLES); `plan` sets rate limits and quotas (PLANS).
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    /**
     * A PHC string carrying its own parameters, `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt b64>$<hash b64>`,
     * so the cost can be raised later and old hashes re-hashed on the next sign-in.
     */
    passwordHash: text('password_hash').notNull(),
    role: userRoleEnum('role').notNull().default('user'),
    plan: planEnum('plan').notNull().default('free'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

/**
 * Sessions. `id` = hex SHA-256 of the bearer token (cookie or `Authorization: Bearer`), so a leaked table cannot be
 * replayed. Sliding expiry: `expires_at` moves forward when little time is left. `last_seen_at` and `user_agent` let
 * the account page tell sessions apart.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Partner API keys `fl_<prefix>_<secret>`: only the hex SHA-256 of the whole key is stored (`hash`); `prefix` lets a
 * user recognise a key in the UI. A key is usable while not revoked and not past `expires_at` (null = no expiry).
 * `last_used_at` is written at most once a minute per key.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    scopes: apiScopeEnum('scopes').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);
