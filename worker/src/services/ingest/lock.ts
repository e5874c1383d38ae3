/**
 * One run per source at a time: the source's advisory lock (db `acquireAdvisoryLock`, a session lock on a
 * connection of its own) is held for the whole run, so two runs of one source can never interleave while runs
 * of different sources proceed in parallel.
 */
import { acquireAdvisoryLock, type HeldLock, type PoolDb } from '@fairline/db';
import { IngestBusyError } from './types.ts';

/**
 * Takes `source`'s ingestion lock, waiting up to `timeoutMs` for a running run when `wait` is set; throws
 * `IngestBusyError` when another run still holds it.
 */
export async function acquireSourceLock(
  db: PoolDb,
  source: string,
  opts: { wait: boolean; timeoutMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<HeldLock> {
  const lock = await acquireAdvisoryLock(db, `ingest:${source}`, opts);
  if (!lock) throw new IngestBusyError(`another ${source} ingestion run is in progress (advisory lock held)`);
  return lock;
}
