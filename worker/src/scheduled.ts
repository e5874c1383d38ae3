/**
 * The cron edge: validates the config, builds the context and the room publisher, runs the cron's jobs in order
 * and logs each outcome. One job failing (a `failed` outcome or a throw) does not stop the others, but fails the tick.
 */
import { fixtureChangesQueue, loadConfig } from './env.ts';
import type { JobOutcome } from './jobs/job.ts';
import { jobsFor } from './jobs/registry.ts';
import { queueSink, type FixtureChangeSink } from './pipeline/sink.ts';
import { publishManyToRoom, publishToRoom } from './rooms/publish.ts';
import type { RoomPublisher } from './rooms/publisher.ts';
import { buildCtx, JOB_DB_TIMEOUT_MS } from './runtime.ts';

/** The rooms as jobs publish to them, through the LIVE_ROOM Durable Object binding. */
export function liveRoomPublisher(env: Env): RoomPublisher {
  return {
    publish: (room, event) => publishToRoom(env, room, event),
    publishMany: (room, events) => publishManyToRoom(env, room, events),
  };
}

/** Where jobs enqueue the fixtures their commits changed: the FIXTURE_CHANGES queue, or none where it is not bound. */
export function fixtureChangeSink(env: Env): FixtureChangeSink | undefined {
  const queue = fixtureChangesQueue(env);
  return queue ? queueSink(queue) : undefined;
}

/** Runs every job registered for the cron; throws (failing the tick) when any job failed. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const jobs = jobsFor(controller.cron);
  const config = loadConfig(env);
  // Jobs read seasons and write in bulk: the job bound on statements, not the request's.
  const { ctx, dispose } = buildCtx(config, undefined, { dbTimeoutMs: JOB_DB_TIMEOUT_MS });
  const rooms = liveRoomPublisher(env);
  const changes = fixtureChangeSink(env);
  const failures: string[] = [];
  try {
    for (const job of jobs) {
      const t0 = Date.now();
      const fields = () => ({ job: job.name, cron: controller.cron, ms: Date.now() - t0 });
      let outcome: JobOutcome;
      try {
        outcome = await job.run({ ctx, config, rooms, changes });
      } catch (err) {
        outcome = { status: 'failed', error: String(err) };
      }
      switch (outcome.status) {
        case 'ran':
          ctx.logger.info('job done', { ...fields(), ...outcome.summary });
          break;
        case 'skipped':
          ctx.logger.info('job skipped', { ...fields(), reason: outcome.reason });
          break;
        case 'failed':
          failures.push(job.name);
          ctx.logger.error('job failed', { ...fields(), ...outcome.summary, error: outcome.error });
          break;
      }
    }
  } finally {
    await dispose();
  }
  if (failures.length) throw new Error(`cron "${controller.cron}": jobs failed: ${failures.join(', ')}`);
}
