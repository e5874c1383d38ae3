/**
 * The queue edge: validates the config, builds the context and the room publisher, and hands a batch to the fixture
 * changes consumer or, for the dead-letter queue, to the dead-letter recorder. A batch of an unknown queue is retried
 * and logged (a wrangler.toml that names a queue the code does not know is a deployment mistake, never silence).
 */
import { loadConfig } from './env.ts';
import { consumeFixtureChanges } from './pipeline/consume.ts';
import { recordDeadLetterBatch } from './pipeline/dead-letter.ts';
import { FIXTURE_CHANGES_DLQ, FIXTURE_CHANGES_QUEUE } from './pipeline/messages.ts';
import { liveRoomPublisher } from './scheduled.ts';
import { buildCtx, JOB_DB_TIMEOUT_MS } from './runtime.ts';

/** Runs one queue batch; every message ends acknowledged or retried before this resolves. */
export async function runQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // A batch reprices many fixtures (a job's work, not a request's): the jobs' statement bound.
  const { ctx, dispose } = buildCtx(loadConfig(env), undefined, { dbTimeoutMs: JOB_DB_TIMEOUT_MS });
  try {
    if (batch.queue === FIXTURE_CHANGES_QUEUE) await consumeFixtureChanges({ ctx, rooms: liveRoomPublisher(env), batch });
    else if (batch.queue === FIXTURE_CHANGES_DLQ) await recordDeadLetterBatch({ ctx, batch });
    else {
      ctx.logger.error('queue: no consumer for this queue, batch retried', { queue: batch.queue, messages: batch.messages.length });
      batch.retryAll();
    }
  } finally {
    await dispose();
  }
}
