/**
 * Ingestion verbs. Each takes an `IngestCtx` (the worker's `Ctx` satisfies it) so the CLI, cron jobs inside
 * workerd and tests call the same code; file contents are passed in as text (no file system here).
 */
export { ingestFootballData } from './football-data/ingest.ts';
export { ingestNflverseGames } from './nflverse/games.ts';
export { ingestNflverseWeekly } from './nflverse/weekly.ts';
export { ingestOddsApi, pollOdds, type PollOddsInput } from './odds-api/ingest.ts';
export { fetchTextWithRetry, HttpError, DEFAULT_RETRY, type RetryPolicy } from './http.ts';
export { listIngestionRejects, listIngestionRuns, listRejectsInput, listRunsInput } from './runs.ts';
export { REFERENCE_TEAMS } from './identity/reference-teams.ts';
export * from './types.ts';

import { ingestFootballData } from './football-data/ingest.ts';
import { ingestNflverseGames } from './nflverse/games.ts';
import { ingestNflverseWeekly } from './nflverse/weekly.ts';
import { ingestOddsApi } from './odds-api/ingest.ts';
import type { IngestCtx, IngestFile, IngestSource, RunOptions, RunSummary } from './types.ts';

/** Dispatch by source name (CLI, admin tools). */
export const INGESTERS: Record<
  IngestSource,
  (ctx: IngestCtx, input: { files: readonly IngestFile[] }, opts?: RunOptions) => Promise<RunSummary>
> = {
  'football-data': ingestFootballData,
  'nflverse-games': ingestNflverseGames,
  'nflverse-weekly': ingestNflverseWeekly,
  'odds-api': ingestOddsApi,
};
