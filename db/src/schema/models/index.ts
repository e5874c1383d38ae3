import {
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { modelKindEnum, modelStatusEnum } from '../enums.ts';
import { fixtures } from '../sports/fixtures.ts';
import { players } from '../sports/players.ts';

/** A trained model: what it is, how it was made, how good it was, and the artifact to predict with. */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: serial('id').primaryKey(),
    /** What it is (MODEL_KINDS). */
    kind: modelKindEnum('kind').notNull(),
    /** What it covers: 'soccer:E0', 'nfl', 'nfl:passing_yards'. */
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    status: modelStatusEnum('status').notNull().default('candidate'),
    config: jsonb('config').notNull(),
    featureColumns: jsonb('feature_columns').$type<string[]>().notNull().default([]),
    metrics: jsonb('metrics').$type<Record<string, number>>().notNull().default({}),
    artifact: jsonb('artifact').notNull(),
    trainedFrom: timestamp('trained_from', { withTimezone: true }),
    trainedTo: timestamp('trained_to', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When it last became active (rollback returns to the version active before the current one). */
    activatedAt: timestamp('activated_at', { withTimezone: true }),
  },
  (t) => [
    unique('model_versions_natural_key').on(t.kind, t.scope, t.version),
    // The registry's invariant, enforced by Postgres rather than by convention: one active version per kind+scope.
    uniqueIndex('model_versions_one_active').on(t.kind, t.scope).where(sql`status = 'active'`),
  ],
);

/**
 * Append-only market probabilities per fixture, each tied to the model version that made it: the database refuses
 * UPDATE, DELETE and TRUNCATE for every role (trigger `refuse_change_append_only`). A version's answer for a fixture
 * is fixed (natural key); a newer answer is a newer version's row, and readers take the newest (`created_at`, id).
 */
export const predictions = pgTable(
  'predictions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelVersionId: integer('model_version_id')
      .notNull()
      .references(() => modelVersions.id),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    market: text('market').notNull(),
    selection: text('selection').notNull(),
    line: real('line'),
    probability: doublePrecision('probability').notNull(),
    fairPrice: doublePrecision('fair_price'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('predictions_natural_key').on(t.modelVersionId, t.fixtureId, t.market, t.selection, t.line).nullsNotDistinct(),
    index('predictions_fixture_idx').on(t.fixtureId),
  ],
);

/**
 * Append-only player projections: centre plus the predictive distribution's parameters. Like `predictions`, the
 * database refuses UPDATE, DELETE and TRUNCATE; a corrected projection comes from a newer model version.
 */
export const projections = pgTable(
  'projections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelVersionId: integer('model_version_id')
      .notNull()
      .references(() => modelVersions.id),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    playerId: integer('player_id')
      .notNull()
      .references(() => players.id),
    market: text('market').notNull(),
    mean: doublePrecision('mean').notNull(),
    distribution: jsonb('distribution').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('projections_natural_key').on(t.modelVersionId, t.fixtureId, t.playerId, t.market),
    // The API reads a game's projections (nfl.props.byFixture); the natural key leads with the model version.
    index('projections_fixture_idx').on(t.fixtureId, t.playerId, t.market),
  ],
);
