import { sql } from 'drizzle-orm';
import { bigserial, check, date, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { driftLevelEnum, runStatusEnum } from '../enums.ts';
import { modelVersions } from '../models/index.ts';
import { fixtures } from '../sports/fixtures.ts';
import { players } from '../sports/players.ts';

/**
 * One row per ingestion run of a source: status, how many files it read and rows it inserted, updated, left
 * unchanged or rejected, its duration (milliseconds) and, when it failed, the error.
 */
export const ingestionRuns = pgTable(
  'ingestion_runs',
  {
    id: serial('id').primaryKey(),
    source: text('source').notNull(),
    status: runStatusEnum('status').notNull().default('running'),
    files: integer('files').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    durationMs: integer('duration_ms'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('ingestion_runs_source_idx').on(t.source, t.startedAt)],
);

/** Rows an ingestion run refused (unknown team alias, bad value …): file, row number, raw text and reason. */
export const ingestionRejects = pgTable(
  'ingestion_rejects',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => ingestionRuns.id, { onDelete: 'cascade' }),
    file: text('file').notNull(),
    rowNumber: integer('row_number'),
    raw: text('raw'),
    reason: text('reason').notNull(),
  },
  (t) => [index('ingestion_rejects_run_idx').on(t.runId)],
);

/**
 * A model version's monitored metric over a time window (`value`) against its baseline at training time, written by
 * the daily monitoring cron: `psi` per feature (`subject` = the feature; baseline 0), `brier` and `ece` of settled
 * forecasts (`subject` ''; baseline the version's training-time figure, or ECE's sampling floor). One row per version,
 * metric, subject, window and day, so a re-run of the day's report replaces its figures instead of doubling them.
 */
export const driftReports = pgTable(
  'drift_reports',
  {
    id: serial('id').primaryKey(),
    modelVersionId: integer('model_version_id')
      .notNull()
      .references(() => modelVersions.id),
    metric: text('metric').notNull(),
    /** The feature a `psi` row is about; '' for a figure of the whole model. */
    subject: text('subject').notNull().default(''),
    window: text('window').notNull(),
    value: doublePrecision('value').notNull(),
    baseline: doublePrecision('baseline'),
    level: driftLevelEnum('level').notNull().default('ok'),
    /** Live rows (psi) or settled forecasts (brier, ece) the figure was computed on. */
    sampleSize: integer('sample_size').notNull().default(0),
    /** The UTC day the report is for. */
    reportedOn: date('reported_on', { mode: 'string' }).notNull().default(sql`(now() at time zone 'utc')::date`),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('drift_reports_natural_key').on(t.modelVersionId, t.metric, t.subject, t.window, t.reportedOn),
    index('drift_reports_day_idx').on(t.reportedOn),
  ],
);

/**
 * The feature row a model version scored (its "live rows"): what its GBDT saw for one prediction, in the artifact's
 * column order (null = missing). The API explains a prediction from it (TreeSHAP) and the monitoring compares a
 * week of them with the version's training profile (PSI). Props: one per projection (fixture, player, market);
 * soccer: one per fixture (player null, market '1x2'). Written with the predictions, idempotent on the natural key.
 */
export const modelInputs = pgTable(
  'model_inputs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelVersionId: integer('model_version_id')
      .notNull()
      .references(() => modelVersions.id),
    fixtureId: integer('fixture_id')
      .notNull()
      .references(() => fixtures.id),
    playerId: integer('player_id').references(() => players.id),
    market: text('market').notNull(),
    features: jsonb('features').$type<Array<number | null>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('model_inputs_natural_key').on(t.modelVersionId, t.fixtureId, t.playerId, t.market).nullsNotDistinct(),
    // The drift cron reads a version's last 7 days; the API reads a fixture's rows.
    index('model_inputs_version_time_idx').on(t.modelVersionId, t.createdAt),
    index('model_inputs_fixture_idx').on(t.fixtureId),
    check('model_inputs_features_array', sql`jsonb_typeof(${t.features}) = 'array'`),
  ],
);
export * from './push-pipeline.ts';
export * from './ingestion-leases.ts';
