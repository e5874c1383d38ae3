/**
 * Cron expression → jobs. Must list exactly the crons in wrangler.toml [triggers]; an unknown cron is a
 * deployment mistake and throws rather than silently doing nothing.
 */
import { captureClosingLinesJob } from './capture-closing-lines.ts';
import { dailyResultsJob } from './daily-results.ts';
import type { Job } from './job.ts';
import { monitorDriftJob } from './monitor-drift.ts';
import { pollOddsJob } from './poll-odds.ts';
import { pushFixtureUpdates } from './push-fixture-updates.ts';
import { recordTrackRecordJob } from './record-track-record.ts';
import { refreshSoccerPredictionsJob } from './refresh-soccer-predictions.ts';
import { retrainModelsJob } from './retrain-models.ts';
import { settleBetsJob } from './settle-bets.ts';

/** The jobs of each cron expression, run in order. */
export const CRON_JOBS: Record<string, Job[]> = {
  // Live push of changed fixtures (scores/status) to the rooms; then the closing lines of bets whose fixture kicked off.
  '*/5 * * * *': [pushFixtureUpdates, captureClosingLinesJob],
  // Live odds (incl. NFL player props), changed prices pushed to the rooms; skipped without ODDS_API_KEY.
  // 15 min keeps within typical API quotas. Then the track record's new picks, at the prices just polled.
  '*/15 * * * *': [pollOddsJob, recordTrackRecordJob],
  // Results, schedules and player stats of the current seasons; then tracked bets settled on them (and re-settled
  // after corrections) (jobs of a cron run in order).
  '0 6 * * *': [dailyResultsJob, settleBetsJob],
  // Half an hour later, in an invocation of its own (its own CPU budget: retraining every kind measured 80–90 s of CPU,
  // bench/models/retrain-cpu.ts; wrangler.toml allows 300 s): every model kind retrained on the new results and
  // gated; then the day's drift report of the active versions (PSI of live features, calibration of settled forecasts).
  '30 6 * * *': [retrainModelsJob, monitorDriftJob],
  // Soccer predictions for the next two weeks: refit only when results changed; moved 1X2 pushed live.
  '0 * * * *': [refreshSoccerPredictionsJob],
};

/** The jobs of `cron`; throws for a cron nothing is registered for. */
export function jobsFor(cron: string): Job[] {
  const jobs = CRON_JOBS[cron];
  if (!jobs) throw new Error(`no jobs registered for cron "${cron}"`);
  return jobs;
}
