/**
 * Shared vocabulary of the ingestion verbs: the context slice they take, the inputs they accept and the counts
 * they report. Runs unchanged in workerd (cron), in the Node CLI and in tests, so nothing here touches Node APIs:
 * file text is read by the caller and handed in.
 */
import { zeroWriteCounts, type WriteCounts } from '@fairline/db';
import type { Ctx } from '../../context.ts';

/** The part of the one `Ctx` an ingestion run uses (the CLI builds just this; cron and tests pass a full `Ctx`). */
export type IngestRunCtx = Pick<Ctx, 'db' | 'clock' | 'logger'>;

/** The sources ingestion knows, one adapter (and one lock, a lease row) each. */
export const INGEST_SOURCES = ['football-data', 'nflverse-games', 'nflverse-weekly', 'odds-api'] as const;
/** One of `INGEST_SOURCES`. */
export type IngestSource = (typeof INGEST_SOURCES)[number];

/** One input file (or HTTP body): a name for reports and its text. */
export interface IngestFile {
  name: string;
  text: string;
}

/** Rows inserted, updated, left unchanged and rejected (the store's `WriteCounts`). */
export type Counts = WriteCounts;

/** All-zero counts to add to. */
export const zeroCounts = zeroWriteCounts;

/** Adds `from` into `into` (missing fields count 0) and returns `into`. */
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

/** What became of one file of a run. */
export interface FileOutcome extends Counts {
  name: string;
  /** Set when the whole file was aborted (nothing of it was written). */
  error: string | null;
  ms: number;
}

/** What a run did: its id in `ingestion_runs`, totals over its files, wall time (ms) and each file's outcome. */
export interface RunSummary extends Counts {
  runId: number;
  source: IngestSource;
  files: number;
  failedFiles: number;
  ms: number;
  outcomes: FileOutcome[];
}

/** The figures of a run a report or log line shows (files, row counts, milliseconds). */
export const runFigures = (s: RunSummary) => ({
  files: s.files, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, ms: s.ms,
});

/** A run's counts in one word for a log line: `inserted+/updated~/unchanged=/rejected!`. */
export const briefCounts = (s: Counts): string => `${s.inserted}+/${s.updated}~/${s.unchanged}=/${s.rejected}!`;

/** Progress callback: called after each file (the CLI draws its bar from it). */
export type OnProgress = (done: number, total: number, outcome: FileOutcome) => void;

/** How a run goes about it (all optional; part of every ingestion verb's input). */
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

/** Another run of the same source holds its lock (or took it over after this run's lease ran out). */
export class IngestBusyError extends Error {
  override readonly name = 'IngestBusyError';
}

/** The input of every file-ingesting verb: the files and how to run. */
export interface IngestInput extends RunOptions {
  files: readonly IngestFile[];
}

/** An ingestion verb over files (one per source; the CLI dispatches on them through `INGESTERS`). */
export type IngestVerb = (args: { ctx: IngestRunCtx; input: IngestInput }) => Promise<RunSummary>;
