/**
 * Shared vocabulary of the ingestion verbs: the context they take, the inputs they accept and the counts they
 * report. Runs unchanged in workerd (cron), in the Node CLI and in tests, so nothing here touches Node APIs:
 * file text is read by the caller and handed in.
 */
import type { PoolDb } from '@fairline/db';
import type { Logger } from '../../lib/logger.ts';

/** The slice of `Ctx` ingestion needs (the full `Ctx` satisfies it). */
export interface IngestCtx {
  db: PoolDb;
  clock: () => Date;
  logger: Logger;
  fetch: typeof fetch;
}

export const INGEST_SOURCES = ['football-data', 'nflverse-games', 'nflverse-weekly', 'odds-api'] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

/** One input file (or HTTP body): a name for reports and its text. */
export interface IngestFile {
  name: string;
  text: string;
}

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export const zeroCounts = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

export function addCounts(into: Counts, from: Partial<Counts>): Counts {
  into.inserted += from.inserted ?? 0;
  into.updated += from.updated ?? 0;
  into.unchanged += from.unchanged ?? 0;
  into.rejected += from.rejected ?? 0;
  return into;
}

/** A row-level problem: the row is skipped (or a price dropped) and recorded in `ingestion_rejects`. */
export interface Reject {
  row: number | null;
  raw: string | null;
  reason: string;
}

export interface FileOutcome extends Counts {
  name: string;
  /** Set when the whole file was aborted (nothing of it was written). */
  error: string | null;
  ms: number;
}

export interface RunSummary extends Counts {
  runId: number;
  source: IngestSource;
  files: number;
  failedFiles: number;
  ms: number;
  outcomes: FileOutcome[];
}

/** Progress callback: called after each file (the CLI draws its bar from it). */
export type OnProgress = (done: number, total: number, outcome: FileOutcome) => void;

export interface RunOptions {
  onProgress?: OnProgress | undefined;
  /** Wait for a concurrent run of the same source to finish (default) or fail at once. */
  waitForLock?: boolean | undefined;
  lockTimeoutMs?: number | undefined;
  /** Files ingested at the same time, each in its own transaction (default 2). */
  concurrency?: number | undefined;
}

/** A file-level problem: the file is aborted with this message and none of its rows are kept. */
export class FileRejectedError extends Error {
  override readonly name = 'FileRejectedError';
}

/** Another run of the same source holds the advisory lock. */
export class IngestBusyError extends Error {
  override readonly name = 'IngestBusyError';
}
