/**
 * The audit trail of ingestion: one `ingestion_runs` row per run (source, counts, duration, status) and one
 * `ingestion_rejects` row per row-level problem or aborted file, and the reads behind the admin views.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { ingestionRejects, ingestionRuns } from '../../schema/ops/index.ts';
import { unnest, type Tx } from '../sql.ts';

/** Opens a run of `source` (status `running`); returns its id. */
export async function insertIngestionRun(tx: Tx, source: string, startedAt: Date): Promise<number> {
  const [r] = await tx
    .insert(ingestionRuns)
    .values({ source, status: 'running', startedAt })
    .returning({ id: ingestionRuns.id });
  return r!.id;
}

/** A finished run's record: its counts, duration (ms) and, when it failed, why. */
export interface FinishedRun {
  files: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  durationMs: number;
  /** null: the run succeeded. */
  error: string | null;
  finishedAt: Date;
}

/** Closes a run: `failed` when it has an error, else `succeeded`. */
export async function finishIngestionRun(tx: Tx, runId: number, run: FinishedRun): Promise<void> {
  await tx
    .update(ingestionRuns)
    .set({
      status: run.error ? 'failed' : 'succeeded',
      files: run.files,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
      rejected: run.rejected,
      durationMs: run.durationMs,
      error: run.error,
      finishedAt: run.finishedAt,
    })
    .where(eq(ingestionRuns.id, runId));
}

/**
 * Marks the runs of `source` still `running` as failed (interrupted); returns how many. Only safe while holding
 * the source's lock, so that no live run of that source can be among them.
 */
export async function failInterruptedIngestionRuns(tx: Tx, source: string, at: Date): Promise<number> {
  const r = await tx
    .update(ingestionRuns)
    .set({ status: 'failed', error: 'interrupted: the process ended before the run finished', finishedAt: at })
    .where(and(eq(ingestionRuns.source, source), eq(ingestionRuns.status, 'running')))
    .returning({ id: ingestionRuns.id });
  return r.length;
}

/** Raw text kept per reject is capped: enough to see the row, never a whole file. */
const RAW_CAP = 2000;

/** Records a file's rejects under the run (row number and raw text may be null: a whole-file problem). */
export async function insertIngestionRejects(
  tx: Tx,
  runId: number,
  file: string,
  rejects: readonly { row: number | null; raw: string | null; reason: string }[],
): Promise<void> {
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

/** The most recent runs first (by start, then id), optionally of one source. */
export async function recentIngestionRuns(db: Db | Tx, filter: { source?: string | undefined; limit: number }) {
  return db
    .select()
    .from(ingestionRuns)
    .where(filter.source ? eq(ingestionRuns.source, filter.source) : undefined)
    .orderBy(desc(ingestionRuns.startedAt), desc(ingestionRuns.id))
    .limit(filter.limit);
}

/** The rejects of one run (optionally of one file) in file and row order. */
export async function ingestionRejectsOfRun(db: Db | Tx, filter: { runId: number; file?: string | undefined; limit: number }) {
  return db
    .select()
    .from(ingestionRejects)
    .where(and(eq(ingestionRejects.runId, filter.runId), filter.file ? eq(ingestionRejects.file, filter.file) : undefined))
    .orderBy(ingestionRejects.file, ingestionRejects.rowNumber, ingestionRejects.id)
    .limit(filter.limit);
}
