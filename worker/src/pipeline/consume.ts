/**
 * The queue consumer of fixture changes, batched: every valid message of the batch is delivered together (one read of
 * the odds above the watermark, one repricing, one publish per room — deliver.ts), then acknowledged; a failed delivery
 * retries the messages with a growing delay, and after the queue's max_retries they land in the dead-letter queue. A
 * malformed message (a poison) is retried alone the same way, so it too ends in the dead-letter queue, recorded there.
 */
import type { Ctx } from '../context.ts';
import type { RoomPublisher } from '../rooms/publisher.ts';
import { deliverFixtureChanges, type FullDeliverySummary } from './deliver.ts';
import { fixtureChangesMessage, type FixtureChangesMessage } from './messages.ts';

/** The retry delay of a message's n-th failed attempt: 2^n seconds, at most a minute (the queue's own backoff unit). */
export const retryDelaySeconds = (attempts: number) => Math.min(60, 2 ** Math.max(1, attempts));

/** What a batch did. */
export interface ConsumeSummary {
  /** Messages delivered and acknowledged. */
  acked: number;
  /** Messages handed back for a retry (the delivery failed, or the message was malformed). */
  retried: number;
  /** Of `retried`, the malformed ones. */
  malformed: number;
  /** The delivery's figures (null when nothing valid was in the batch or it failed). */
  delivery: FullDeliverySummary | null;
  /** Milliseconds from the oldest commit in the batch to the end of its publish (null when none was delivered). */
  lagMs: number | null;
}

/** Delivers a batch of fixture-changes messages to the rooms; acks what was delivered, retries the rest. */
export async function consumeFixtureChanges({ ctx, rooms, batch }: { ctx: Ctx; rooms: RoomPublisher; batch: MessageBatch<unknown> }): Promise<ConsumeSummary> {
  const summary: ConsumeSummary = { acked: 0, retried: 0, malformed: 0, delivery: null, lagMs: null };
  const valid: Array<{ msg: Message<unknown>; body: FixtureChangesMessage }> = [];
  for (const msg of batch.messages) {
    const parsed = fixtureChangesMessage.safeParse(msg.body);
    if (parsed.success) {
      valid.push({ msg, body: parsed.data });
      continue;
    }
    ctx.logger.error('pipeline: malformed message', { queue: batch.queue, messageId: msg.id, attempts: msg.attempts, issue: parsed.error.issues[0]?.message ?? 'invalid' });
    msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    summary.retried++;
    summary.malformed++;
  }
  if (valid.length === 0) return summary;

  const reprice = new Set<number>();
  const results = new Set<number>();
  for (const { body } of valid) {
    for (const id of body.fixtureIds) {
      reprice.add(id);
      if (body.cause === 'results') results.add(id);
    }
  }
  try {
    summary.delivery = await deliverFixtureChanges({ ctx, rooms, input: { reprice: [...reprice], results: [...results], repriceOdds: true } });
  } catch (err) {
    ctx.logger.error('pipeline: delivery failed, batch retried', { queue: batch.queue, messages: valid.length, error: String(err) });
    for (const { msg } of valid) msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    summary.retried += valid.length;
    return summary;
  }
  for (const { msg } of valid) msg.ack();
  summary.acked = valid.length;
  const oldest = Math.min(...valid.map(({ body }) => Date.parse(body.committedAt)));
  summary.lagMs = ctx.clock().getTime() - oldest;
  ctx.logger.info('pipeline: delivered', { queue: batch.queue, messages: valid.length, oldestCommit: new Date(oldest).toISOString(), lagMs: summary.lagMs, ...summary.delivery });
  return summary;
}
