/**
 * The read verbs behind the admin views of the ingestion audit trail (`ingestion_runs`, `ingestion_rejects`):
 * inputs validated here, statements in db (queries/ingestion/runs.ts).
 */
import { ingestionRejectsOfRun, recentIngestionRuns } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { INGEST_SOURCES } from './types.ts';

/** Input of `listIngestionRuns`: how many (1–500, default 50) and optionally one source. */
export const listRunsInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  source: z.enum(INGEST_SOURCES).optional(),
});

/** Most recent runs first, optionally for one source. */
export async function listIngestionRuns({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: z.input<typeof listRunsInput> }) {
  return recentIngestionRuns(ctx.db, listRunsInput.parse(input));
}

/** Input of `listIngestionRejects`: the run, how many (1–1000, default 100) and optionally one file. */
export const listRejectsInput = z.object({
  runId: z.number().int().positive(),
  limit: z.number().int().min(1).max(1000).default(100),
  file: z.string().min(1).optional(),
});

/** Rejects of one run in file/row order. */
export async function listIngestionRejects({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: z.input<typeof listRejectsInput> }) {
  return ingestionRejectsOfRun(ctx.db, listRejectsInput.parse(input));
}
