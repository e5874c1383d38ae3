import { loadConfig } from './env.ts';
import { jobsFor } from './jobs/registry.ts';
import { buildCtx } from './runtime.ts';

/** Runs every job registered for the cron; one job failing does not stop the others, but fails the tick. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const jobs = jobsFor(controller.cron);
  const { ctx, dispose } = buildCtx(loadConfig(env));
  const failures: string[] = [];
  try {
    for (const job of jobs) {
      const t0 = Date.now();
      try {
        const result = await job.run({ ctx, env });
        ctx.logger.info('job done', { job: job.name, cron: controller.cron, ms: Date.now() - t0, ...result });
      } catch (err) {
        failures.push(job.name);
        ctx.logger.error('job failed', { job: job.name, cron: controller.cron, error: String(err) });
      }
    }
  } finally {
    await dispose();
  }
  if (failures.length) throw new Error(`cron "${controller.cron}": jobs failed: ${failures.join(', ')}`);
}
