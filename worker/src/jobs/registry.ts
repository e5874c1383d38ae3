/**
 * Cron expression → jobs. Must list exactly the crons in wrangler.toml [triggers]; an unknown cron is a
 * deployment mistake and throws rather than silently doing nothing.
 */
import type { Job } from './job.ts';
import { pushFixtureUpdates } from './push-fixture-updates.ts';

export const CRON_JOBS: Record<string, Job[]> = {
  '*/5 * * * *': [pushFixtureUpdates],
};

export function jobsFor(cron: string): Job[] {
  const jobs = CRON_JOBS[cron];
  if (!jobs) throw new Error(`no jobs registered for cron "${cron}"`);
  return jobs;
}
