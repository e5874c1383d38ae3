/**
 * The odds polling tick, one job: an odds-API poll per sport (NFL with player props), then the fixtures whose prices
 * changed handed to the event pipeline — enqueued on FIXTURE_CHANGES, whose consumer reprices them and pushes the
 * changes above the database's push watermark to the rooms; without a queue, pushed here through the same watermark.
 * The fixtures enqueued are read from the database (odds above the watermark), so a tick that crashed after its commit
 * is caught up by the next one. Skipped without an ODDS_API_KEY, and when every sport's previous poll is still running
 * (that poll hands over its own changes). A sport whose poll fails does not stop the others; what was committed is
 * handed over and the tick then fails.
 */
import type { Ctx } from '../context.ts';
import { pushOddsChanges } from '../pipeline/deliver.ts';
import type { FixtureChangeSink } from '../pipeline/sink.ts';
import type { RoomPublisher } from '../rooms/publisher.ts';
import { pollOdds } from '../services/ingest/odds-api/ingest.ts';
import { ODDS_API_BASE, ODDS_SPORTS } from '../services/ingest/odds-api/polled-sports.ts';
import { briefCounts, IngestBusyError } from '../services/ingest/types.ts';
import { pendingOddsFixtures } from '../services/pipeline/pending.ts';
import { ran, type Job, type JobSummary } from './job.ts';

/**
 * Hands the committed odds changes over: the fixtures with changes above the push watermark enqueued (`enqueued`
 * fixtures in `messages` messages), or without a queue the changes pushed to the rooms here (pushOddsChanges' figures).
 */
export async function handOverOddsChanges({ ctx, rooms, changes }: { ctx: Ctx; rooms: RoomPublisher; changes: FixtureChangeSink | undefined }): Promise<JobSummary> {
  if (!changes) return { ...(await pushOddsChanges({ ctx, rooms })) };
  const pending = await pendingOddsFixtures({ ctx });
  const messages = await changes.enqueue('odds', pending.map((f) => f.id), ctx.clock());
  return { enqueued: pending.length, messages };
}

/** Per sport: its run's counts (`briefCounts`) or that its previous poll is still running; then what was handed over. */
export const pollOddsJob: Job = {
  name: 'poll-odds',
  async run({ ctx, config, rooms, changes }) {
    const apiKey = config.ODDS_API_KEY;
    if (!apiKey) return { status: 'skipped', reason: 'no ODDS_API_KEY bound' };
    const summary: JobSummary = {};
    let polled = 0;
    const errors: string[] = [];
    for (const s of ODDS_SPORTS) {
      try {
        const run = await pollOdds({
          ctx,
          // A tick that finds the previous one still running skips rather than queueing up behind it.
          input: { baseUrl: ODDS_API_BASE, apiKey, sport: s.sport, propMarkets: s.propMarkets, waitForLock: false },
        });
        summary[s.sport] = briefCounts(run);
        polled++;
      } catch (err) {
        if (err instanceof IngestBusyError) {
          summary[s.sport] = 'previous poll still running';
          continue;
        }
        // One sport's failure does not cost the others their poll: record it and go on.
        const message = err instanceof Error ? err.message : String(err);
        errors.push(message);
        summary[s.sport] = `failed: ${message}`;
      }
    }
    if (errors.length > 0) {
      const error = errors.join('; ');
      // A sport's poll failed, others may have committed: hand over what was committed, then report the failure.
      try {
        Object.assign(summary, await handOverOddsChanges({ ctx, rooms, changes }));
      } catch (pushErr) {
        ctx.logger.error('odds hand-over failed', { error: String(pushErr) });
      }
      return { status: 'failed', error, summary };
    }
    if (polled === 0) return { status: 'skipped', reason: 'previous poll still running' };
    return ran({ ...summary, ...(await handOverOddsChanges({ ctx, rooms, changes })) });
  },
};
