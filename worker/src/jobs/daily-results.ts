/**
 * The daily results tick: the current seasons' football-data.co.uk results and the nflverse schedule and weekly
 * player stats, fetched and ingested (services/ingest `ingestDailyResults`). A file that could not be fetched or
 * a source that failed fails the tick — after the other sources were ingested; the next tick tries again.
 */
import { ingestDailyResults } from '../services/ingest/daily-results.ts';
import { ran, type Job } from './job.ts';

/** Per source that ran, its counts (`inserted+/updated~/unchanged=/rejected!`). */
export const dailyResultsJob: Job = {
  name: 'ingest-daily-results',
  async run({ ctx }) {
    const r = await ingestDailyResults({ ctx });
    if (r.failures.length > 0) return { status: 'failed', error: `daily ingestion: ${r.failures.join('; ')}`, summary: r.ran };
    return ran(r.ran);
  },
};
