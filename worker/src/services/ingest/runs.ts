/**
 * The audit trail of ingestion: one `ingestion_runs` row per run (source, counts, duration, status) and one
 * `ingestion_rejects` row per row-level problem or aborted file. Also the read verbs behind the admin
 * procedure that lists them.
 */
import { ingestionRejects, ingestionRuns } from '@fairline/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { IngestCtx, IngestSource, Reject, RunSummary } from './types.ts';
import { INGEST_SOURCES } from './types.ts';
import { unnest, type Tx } from './store/sql.ts';

export async function startRun(tx: Tx, source: IngestSource, startedAt: Date): Promise<number> {
  const [r] = await tx
    .insert(ingestionRuns)
    .values({ source, status: 'running', startedAt })
    .returning({ id: ingestionRuns.id });
  return r!.id;
}

export async function finishRun(tx: Tx, summary: RunSummary, error: string | null, finishedAt: Date): Promise<void> {
  await tx
    .update(ingestionRuns)
    .set({
      status: error ? 'failed' : 'succeeded',
      files: summary.files,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      durationMs: summary.ms,
      error,
      finishedAt,
    })
    .where(eq(ingestionRuns.id, summary.runId));
}

/**
 * Closes runs of `source` left 'running' by a process that died mid-run. Only called while holding the
 * source's lock, so no live run of that source can be among them.
 */
export async function failInterruptedRuns(tx: Tx, source: IngestSource, at: Date): Promise<number> {
  const r = await tx
    .update(ingestionRuns)
    .set({ status: 'failed', error: 'interrupted: the process ended before the run finished', finishedAt: at })
    .where(and(eq(ingestionRuns.source, source), eq(ingestionRuns.status, 'running')))
    .returning({ id: ingestionRuns.id });
  return r.length;
}

/** Raw text kept per reject is capped: enough to see the row, never a whole file. */
const RAW_CAP = 2000;

export async function recordRejects(tx: Tx, runId: number, file: string, rejects: readonly Reject[]): Promise<void> {
  for (let s = 0; s < rejects.length; s += 2000) {
    const part = rejects.slice(s, s + 2000);
    await tx.execute(sql`
      INSERT INTO ingestion_rejects (run_id, file, row_number, raw, reason)
      SELECT ${runId}, ${file}, row_number, raw, reason FROM ${unnest('v', [
        ['row_number', 'int4', part.map((r) => r.row)],
        ['raw', 'text', part.map((r) => (r.raw === null ? null : r.raw.slice(0, RAW_CAP)))],
        ['reason', 'text', part.map((r) => r.reason)],
      ])}`);
  }
}

export const listRunsInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  source: z.enum(INGEST_SOURCES).optional(),
});

/** Most recent runs first, optionally for one source. */
export async function listIngestionRuns(ctx: Pick<IngestCtx, 'db'>, input: z.input<typeof listRunsInput>) {
  const { limit, source } = listRunsInput.parse(input);
  return ctx.db
    .select()
    .from(ingestionRuns)
    .where(source ? eq(ingestionRuns.source, source) : undefined)
    .orderBy(desc(ingestionRuns.startedAt), desc(ingestionRuns.id))
    .limit(limit);
}

export const listRejectsInput = z.object({
  runId: z.number().int().positive(),
  limit: z.number().int().min(1).max(1000).default(100),
  file: z.string().min(1).optional(),
});

/** Rejects of one run in file/row order. */
export async function listIngestionRejects(ctx: Pick<IngestCtx, 'db'>, input: z.input<typeof listRejectsInput>) {
  const { runId, limit, file } = listRejectsInput.parse(input);
  return ctx.db
    .select()
    .from(ingestionRejects)
    .where(and(eq(ingestionRejects.runId, runId), file ? eq(ingestionRejects.file, file) : undefined))
    .orderBy(ingestionRejects.file, ingestionRejects.rowNumber, ingestionRejects.id)
    .limit(limit);
}
