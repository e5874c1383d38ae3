/**
 * The daily results tick: the current seasons' football-data.co.uk results and the nflverse schedule and weekly
 * player stats, fetched and ingested (services/ingest `ingestDailyResults`). A file that could not be fetched or
 * a source that failed fails the tick — after the other sources were ingested; the next tick tries again. The fixtures
 * the ingestion changed (score, status, kick-off) are enqueued for the event pipeline, failed tick or not.
 */
import { updatedFixtures } from '../services/fixtures/updated-fixtures.ts';
import { ingestDailyResults } from '../services/ingest/daily-results.ts';
import { ran, type Job } from './job.ts';

/** How far before the tick's start the changed fixtures are read from. */
const CLOCK_SLACK_MS = 60_000;
/** Most changed fixtures one tick enqueues (a day's results are a few dozen; a season's first load a few thousand). */
const MAX_ENQUEUED = 20_000;

/** Per source that ran, its counts (`inserted+/updated~/unchanged=/rejected!`), and the messages enqueued. */
export const dailyResultsJob: Job = {
  name: 'ingest-daily-results',
  async run({ ctx, changes }) {
    // A minute early: the rows' updated_at is the database's clock, which may lag the worker's a little (a fixture
    // enqueued twice costs one idempotent event; one missed would stay stale until the next change).
    const started = new Date(ctx.clock().getTime() - CLOCK_SLACK_MS);
    const r = await ingestDailyResults({ ctx });
    let messages = 0;
    if (changes) {
      const changed = await updatedFixtures({ ctx, input: { since: started, limit: MAX_ENQUEUED } });
      messages = await changes.enqueue('results', changed.map((f) => f.id), ctx.clock());
    }
    if (r.failures.length > 0) return { status: 'failed', error: `daily ingestion: ${r.failures.join('; ')}`, summary: changes ? { ...r.ran, messages } : r.ran };
    return ran(changes ? { ...r.ran, messages } : r.ran);
  },
};
