/**
 * The daily results tick as one verb: fetch the current seasons' results files (bounded retries) and ingest them,
 * source by source. A file that cannot be fetched, or a source whose run fails, is reported in `failures`
 * without stopping the other sources; the next tick tries again (ingestion is idempotent).
 */
import type { Ctx } from '../../context.ts';
import { dailySourceUrls } from './daily-sources.ts';
import { ingestFootballData } from './football-data/ingest.ts';
import { fetchFiles } from './http.ts';
import { ingestNflverseGames } from './nflverse/games.ts';
import { ingestNflverseWeekly } from './nflverse/weekly.ts';
import { briefCounts, type IngestSource, type IngestVerb } from './types.ts';

/** What the daily tick did: per source (an `IngestSource`) that ran, its `briefCounts`; and every problem met. */
export interface DailyResults {
  ran: Record<string, string>;
  failures: string[];
}

/** Fetches and ingests the daily results files current at `ctx.clock()`. */
export async function ingestDailyResults({ ctx }: { ctx: Pick<Ctx, 'db' | 'clock' | 'logger' | 'fetch'> }): Promise<DailyResults> {
  const urls = dailySourceUrls(ctx.clock());
  const out: DailyResults = { ran: {}, failures: [] };
  const step = async (source: IngestSource, urlsOf: string[], ingest: IngestVerb) => {
    try {
      const fetched = await fetchFiles(ctx.fetch, urlsOf);
      out.failures.push(...fetched.failures);
      if (fetched.files.length === 0) return;
      const summary = await ingest({ ctx, input: { files: fetched.files } });
      out.ran[source] = briefCounts(summary);
      if (summary.failedFiles > 0) out.failures.push(`${source}: ${summary.failedFiles} file(s) aborted (run ${summary.runId})`);
    } catch (err) {
      out.failures.push(`${source}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await step('football-data', urls.footballData, ingestFootballData);
  // Games before stats: stat lines are matched to the schedule.
  await step('nflverse-games', [urls.nflverseGames], ingestNflverseGames);
  await step('nflverse-weekly', [urls.nflverseWeekly], ingestNflverseWeekly);
  return out;
}
