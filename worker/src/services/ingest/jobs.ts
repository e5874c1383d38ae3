/**
 * Cron jobs over the ingestion verbs, in the shape of the worker's job registry (`Job` in ../jobs/job.ts), for
 * the lead to register with a cron expression:
 *  - `pollOddsJob`: one odds-API polling tick per configured sport (NFL with player props); skipped, not
 *    failed, when no ODDS_API_KEY secret is bound.
 *  - `dailyResultsJob`: the current season's football-data.co.uk results files and the nflverse schedule and
 *    weekly player stats, fetched over HTTP (bounded retries) and ingested; an unavailable file fails that
 *    source's part of the tick and the next tick tries again (ingestion is idempotent).
 * URLs follow the providers' published layouts; they cannot be reached from this sandbox, so only the HTTP
 * path itself is tested (against a local server).
 *
 * The job type is declared structurally here (not imported from ../jobs) so this folder stays free of Workers
 * bindings types and typechecks in the Node CLI project too; it is assignable to the registry's `Job`.
 */
import { ingestFootballData } from './football-data/ingest.ts';
import { fetchTextWithRetry, redactUrl } from './http.ts';
import { ingestNflverseGames } from './nflverse/games.ts';
import { ingestNflverseWeekly } from './nflverse/weekly.ts';
import { pollOdds } from './odds-api/ingest.ts';
import { IngestBusyError, type IngestCtx, type IngestFile, type RunSummary } from './types.ts';

type JobResult = Record<string, number | string | boolean | null>;
export interface IngestJob {
  name: string;
  run(args: { ctx: IngestCtx; env: { ODDS_API_KEY?: string | undefined } }): Promise<JobResult>;
}

export const ODDS_API_BASE = 'https://api.the-odds-api.com';
export const ODDS_SPORTS: { sport: string; propMarkets?: string[] }[] = [
  { sport: 'soccer_epl' },
  {
    sport: 'americanfootball_nfl',
    propMarkets: ['player_pass_yds', 'player_rush_yds', 'player_reception_yds', 'player_receptions'],
  },
];
export const FOOTBALL_DATA_DIVISIONS = ['E0', 'E1', 'SP1', 'D1', 'I1', 'F1'];

/** The football-data season folder ('2526') and the NFL season ('2025') current at `now`. */
export function currentSeasons(now: Date): { footballData: string; nfl: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const start = m >= 7 ? y : y - 1;
  const nfl = m >= 3 ? y : y - 1;
  return { footballData: `${String(start % 100).padStart(2, '0')}${String((start + 1) % 100).padStart(2, '0')}`, nfl };
}

export function dailySourceUrls(now: Date) {
  const s = currentSeasons(now);
  return {
    footballData: FOOTBALL_DATA_DIVISIONS.map((d) => `https://www.football-data.co.uk/mmz4281/${s.footballData}/${d}.csv`),
    nflverseGames: 'https://github.com/nflverse/nfldata/raw/master/data/games.csv',
    nflverseWeekly: `https://github.com/nflverse/nflverse-data/releases/download/player_stats/player_stats_${s.nfl}.csv`,
  };
}

/** Fetches every URL it can; the ones that fail (after retries) are reported, not fatal to the others. */
async function fetchFiles(ctx: IngestCtx, urls: string[], failures: string[]): Promise<IngestFile[]> {
  const out: IngestFile[] = [];
  for (const url of urls) {
    try {
      const r = await fetchTextWithRetry(ctx.fetch, url);
      out.push({ name: redactUrl(url), text: r.text });
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  return out;
}

const brief = (s: RunSummary) => `${s.inserted}+/${s.updated}~/${s.unchanged}=/${s.rejected}!`;

export const pollOddsJob: IngestJob = {
  name: 'ingest-poll-odds',
  async run({ ctx, env }) {
    if (!env.ODDS_API_KEY) return { skipped: 'no ODDS_API_KEY bound' };
    const result: JobResult = {};
    for (const s of ODDS_SPORTS) {
      try {
        const summary = await pollOdds(
          ctx,
          { baseUrl: ODDS_API_BASE, apiKey: env.ODDS_API_KEY, sport: s.sport, propMarkets: s.propMarkets },
          // A tick that finds the previous one still running skips rather than queueing up behind it.
          { waitForLock: false },
        );
        result[s.sport] = brief(summary);
      } catch (err) {
        if (!(err instanceof IngestBusyError)) throw err;
        result[s.sport] = 'skipped: previous poll still running';
      }
    }
    return result;
  },
};

export const dailyResultsJob: IngestJob = {
  name: 'ingest-daily-results',
  async run({ ctx }) {
    const urls = dailySourceUrls(ctx.clock());
    const result: JobResult = {};
    const failures: string[] = [];
    const step = async (name: string, urlsOf: string[], ingest: (files: IngestFile[]) => Promise<RunSummary>) => {
      try {
        const files = await fetchFiles(ctx, urlsOf, failures);
        if (files.length === 0) return;
        const summary = await ingest(files);
        result[name] = brief(summary);
        if (summary.failedFiles > 0) failures.push(`${name}: ${summary.failedFiles} file(s) aborted (run ${summary.runId})`);
      } catch (err) {
        failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    await step('football-data', urls.footballData, (files) => ingestFootballData(ctx, { files }));
    // Games before stats: stat lines are matched to the schedule.
    await step('nflverse-games', [urls.nflverseGames], (files) => ingestNflverseGames(ctx, { files }));
    await step('nflverse-weekly', [urls.nflverseWeekly], (files) => ingestNflverseWeekly(ctx, { files }));
    if (failures.length > 0) throw new Error(`daily ingestion: ${failures.join('; ')}`);
    return result;
  },
};
