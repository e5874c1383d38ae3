/**
 * The skeleton every adapter runs in: take the source's lock (a lease row renewed while the run lives, lock.ts),
 * open an `ingestion_runs` row, then ingest each file in a transaction of its own — the file's rows and its row-level
 * rejects commit together, or (on a file-level problem) nothing of the file is kept and one reject names the reason —
 * and finally close the run with its counts and duration.
 */
import {
  failInterruptedIngestionRuns,
  finishIngestionRun,
  insertIngestionRejects,
  insertIngestionRun,
  type Tx,
} from '@fairline/db';
import { acquireSourceLock, type LockOptions } from './lock.ts';
import {
  addCounts,
  runFigures,
  zeroCounts,
  type Counts,
  type FileOutcome,
  type IngestRunCtx,
  type IngestSource,
  type Reject,
  type RunOptions,
  type RunSummary,
} from './types.ts';

/** What an adapter does with one input inside its transaction. */
export type FileHandler<I> = (tx: Tx, input: I) => Promise<{ counts: Counts; rejects: Reject[] }>;

/**
 * Runs `handler` over `inputs` as one run of `source` (see the file comment); `prepare` runs once, in a
 * transaction of its own, before the first file. Throws `IngestBusyError` when the lock is held and may not be
 * waited for; a file's failure is recorded and counted, not thrown.
 */
export async function runSource<I extends { name: string }>(
  ctx: IngestRunCtx,
  source: IngestSource,
  inputs: readonly I[],
  handler: FileHandler<I>,
  opts: RunOptions & {
    prepare?: (tx: Tx) => Promise<void>;
    /** The lease's timing (default lock.ts's 60 s / 15 s); tests shorten it to watch a lease be lost. */
    lease?: Pick<LockOptions, 'leaseMs' | 'renewEveryMs'>;
  } = {},
): Promise<RunSummary> {
  const t0 = Date.now();
  const lock = await acquireSourceLock(ctx.db, source, {
    wait: opts.waitForLock ?? true,
    timeoutMs: opts.lockTimeoutMs ?? 10 * 60_000,
    ...opts.lease,
  });
  try {
    const stale = await failInterruptedIngestionRuns(ctx.db, source, ctx.clock());
    if (stale > 0) ctx.logger.warn('ingest: closed interrupted runs', { source, runs: stale });
    const runId = await insertIngestionRun(ctx.db, source, ctx.clock());
    const summary: RunSummary = { runId, source, files: inputs.length, failedFiles: 0, ms: 0, outcomes: [], ...zeroCounts() };
    let runError: string | null = null;
    try {
      if (opts.prepare) await ctx.db.transaction((tx) => opts.prepare!(tx));
      const outcomes: FileOutcome[] = new Array(inputs.length);
      let next = 0;
      let done = 0;
      const ingestOne = async (i: number) => {
        const input = inputs[i]!;
        const f0 = Date.now();
        const outcome: FileOutcome = { name: input.name, error: null, ms: 0, ...zeroCounts() };
        try {
          const once = () =>
            ctx.db.transaction(async (tx) => {
              const r = await handler(tx, input);
              await insertIngestionRejects(tx, runId, input.name, r.rejects);
              return r;
            });
          // Concurrent files (and runs of other sources) may touch the same teams/bookmakers/fixtures; a
          // deadlock or serialization failure aborts only this attempt, so the file is retried once.
          const res = await once().catch((err: unknown) => {
            if (!isTransient(err)) throw err;
            ctx.logger.warn('ingest: retrying file after a transient conflict', { source, file: input.name });
            return once();
          });
          addCounts(outcome, res.counts);
          outcome.rejected = res.rejects.length;
        } catch (err) {
          outcome.error = err instanceof Error ? err.message : String(err);
          outcome.rejected = 1;
          ctx.logger.warn('ingest: file aborted', { source, file: input.name, error: outcome.error });
          await insertIngestionRejects(ctx.db, runId, input.name, [{ row: null, raw: null, reason: `file aborted: ${outcome.error}` }]);
        }
        outcome.ms = Date.now() - f0;
        outcomes[i] = outcome;
        opts.onProgress?.(++done, inputs.length, outcome);
      };
      // A few files in flight: Postgres works on one while the driver ships the next (each in its own
      // transaction; the lock holds no connection, so the pool's are all the files').
      const lanes = Math.max(1, Math.min(opts.concurrency ?? 2, inputs.length));
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < inputs.length) {
            // A run whose lease was lost (it expired and another run took it) stops before its next file.
            lock.assertHeld();
            await ingestOne(next++);
          }
        }),
      );
      for (const o of outcomes) {
        addCounts(summary, o);
        if (o.error) summary.failedFiles++;
        summary.outcomes.push(o);
      }
      if (summary.failedFiles > 0) {
        runError = `${summary.failedFiles} of ${inputs.length} file(s) aborted: ${summary.outcomes
          .filter((o) => o.error)
          .map((o) => `${o.name}: ${o.error}`)
          .join('; ')}`.slice(0, 4000);
      }
    } catch (err) {
      runError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      summary.ms = Date.now() - t0;
      await finishIngestionRun(ctx.db, runId, {
        files: summary.files,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        durationMs: summary.ms,
        error: runError,
        finishedAt: ctx.clock(),
      });
      ctx.logger.info('ingest: run finished', {
        source,
        runId,
        ...runFigures(summary),
      });
    }
    return summary;
  } finally {
    await lock.release();
  }
}

/** Postgres deadlock (40P01) or serialization failure (40001), possibly wrapped by drizzle. */
function isTransient(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.code === '40P01' || e.code === '40001') return true;
    e = e.cause as typeof e;
  }
  return false;
}
