import { bigserial, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { runStatusEnum } from '../enums.ts';
import { modelVersions } from '../models/index.ts';

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
 * A model version's monitored metric over a time window (`value`) against its baseline at training time;
 * `details` holds the breakdown. Declared for model monitoring; nothing writes it yet.
 */
export const driftReports = pgTable('drift_reports', {
  id: serial('id').primaryKey(),
  modelVersionId: integer('model_version_id')
    .notNull()
    .references(() => modelVersions.id),
  metric: text('metric').notNull(),
  window: text('window').notNull(),
  value: doublePrecision('value').notNull(),
  baseline: doublePrecision('baseline'),
  details: jsonb('details'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
