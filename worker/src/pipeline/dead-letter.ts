/**
 * The dead-letter queue's consumer: a fixture-changes message that exhausted its retries is logged (an error line with
 * its id, attempts and body) and recorded in `dead_letters`, so nothing the pipeline gave up on disappears silently.
 * Recording is idempotent per message id; a failed insert retries the batch (the log line is already written).
 */
import type { Ctx } from '../context.ts';
import { recordDeadLetters } from '../services/pipeline/dead-letters.ts';

/** Logs and records every message of a dead-letter batch; acks them once recorded. Resolves to the rows added. */
export async function recordDeadLetterBatch({ ctx, batch }: { ctx: Ctx; batch: MessageBatch<unknown> }): Promise<number> {
  const letters = batch.messages.map((m) => ({ queue: batch.queue, messageId: m.id, attempts: m.attempts, body: m.body }));
  for (const l of letters) ctx.logger.error('pipeline: dead letter', { queue: l.queue, messageId: l.messageId, attempts: l.attempts, body: JSON.stringify(l.body) });
  try {
    const added = await recordDeadLetters({ ctx, input: { letters } });
    batch.ackAll();
    return added;
  } catch (err) {
    ctx.logger.error('pipeline: dead letters not recorded, retried', { queue: batch.queue, messages: letters.length, error: String(err) });
    batch.retryAll({ delaySeconds: 30 });
    return 0;
  }
}
