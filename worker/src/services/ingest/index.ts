/**
 * Ingestion verbs, `verb({ ctx, input })` like every service: the CLI, the cron jobs inside workerd and the
 * tests call the same code; file contents are passed in as text (no file system here). Statements live in
 * db (queries/ingestion); parsing, validation and orchestration live here.
 */
export { ingestFootballData } from './football-data/ingest.ts';
export { ingestNflverseGames } from './nflverse/games.ts';
export { ingestNflverseWeekly } from './nflverse/weekly.ts';
export { ingestOddsApi, pollOdds, ODDS_API_SOURCE, type PollOddsInput } from './odds-api/ingest.ts';
export { ODDS_API_BASE, ODDS_SPORTS } from './odds-api/polled-sports.ts';
export { ingestDailyResults, type DailyResults } from './daily-results.ts';
export { currentSeasons, dailySourceUrls, FOOTBALL_DATA_DIVISIONS } from './daily-sources.ts';
export { fetchFiles, fetchTextWithRetry, HttpError, DEFAULT_RETRY, redactUrl, type RetryPolicy } from './http.ts';
export { acquireSourceLock } from './lock.ts';
export { listIngestionRejects, listIngestionRuns, listRejectsInput, listRunsInput } from './runs.ts';
export { REFERENCE_TEAMS } from './identity/reference-teams.ts';
export * from './types.ts';

import { ingestFootballData } from './football-data/ingest.ts';
import { ingestNflverseGames } from './nflverse/games.ts';
import { ingestNflverseWeekly } from './nflverse/weekly.ts';
import { ingestOddsApi } from './odds-api/ingest.ts';
import type { IngestSource, IngestVerb } from './types.ts';

/** The file-ingesting verb of each source, for dispatch by name (the CLI, the ingestion benchmark). */
export const INGESTERS: Record<IngestSource, IngestVerb> = {
  'football-data': ingestFootballData,
  'nflverse-games': ingestNflverseGames,
  'nflverse-weekly': ingestNflverseWeekly,
  'odds-api': ingestOddsApi,
};
