/**
 * Enqueueing fixture changes as a small interface, so that what produces them (cron jobs) never holds the queue
 * binding: the edge builds one from FIXTURE_CHANGES (env.ts `fixtureChangesQueue`) and passes it in, like the rooms'
 * RoomPublisher.
 */
import { fixtureChangesMessages, type ChangeCause, type FixtureChangesMessage } from './messages.ts';

/** Where ingestion commits report the fixtures they changed. */
export interface FixtureChangeSink {
  /** Enqueues `fixtureIds` changed by `cause` (committed at `committedAt`); resolves to the messages sent. */
  enqueue(cause: ChangeCause, fixtureIds: readonly number[], committedAt: Date): Promise<number>;
}

/** The queue's own batch limit: at most 100 messages per sendBatch. */
const MAX_MESSAGES_PER_SEND = 100;

/** The part of a Workers Queue producer binding the sink uses (declared here: jobs also compile for Node). */
export interface QueueProducer {
  sendBatch(messages: Iterable<{ body: FixtureChangesMessage; contentType?: 'json' }>): Promise<unknown>;
}

/** A sink over a queue producer: the ids in messages of MAX_IDS_PER_MESSAGE, sent in batches of 100 messages. */
export function queueSink(queue: QueueProducer): FixtureChangeSink {
  return {
    async enqueue(cause, fixtureIds, committedAt) {
      const messages = fixtureChangesMessages(cause, fixtureIds, committedAt);
      for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_SEND) {
        await queue.sendBatch(messages.slice(i, i + MAX_MESSAGES_PER_SEND).map((body) => ({ body, contentType: 'json' as const })));
      }
      return messages.length;
    },
  };
}
