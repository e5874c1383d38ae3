/**
 * The event pipeline's queue in tests: a producer that records what jobs enqueue (the tests' databases are per suite,
 * while miniflare's own queue broker would deliver to the worker's global bindings), and delivery of those bodies to
 * the worker's real `queue` handler as a MessageBatch (cloudflare:test), returning its ack/retry verdict.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import worker from '../../../src/index.ts';

/** A queue producer binding that keeps the bodies sent to it, in order. */
export function recordingQueue() {
  const bodies: unknown[] = [];
  const queue = {
    async send(body: unknown) {
      bodies.push(body);
    },
    async sendBatch(messages: Iterable<{ body: unknown }>) {
      for (const m of messages) bodies.push(m.body);
    },
  };
  return { queue: queue as unknown as Queue, bodies };
}

let nextId = 0;

/** Delivers `bodies` as one batch of `queue` (each at its `attempts`) through the worker's queue handler. */
export async function deliverBatch(queue: string, bodies: readonly unknown[], env: object, attempts = 1) {
  const messages = bodies.map((body) => ({ id: `m${++nextId}`, timestamp: new Date(), attempts, body }));
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  await worker.queue!(batch, env as never);
  return { ids: messages.map((m) => m.id), result: await getQueueResult(batch, ctx) };
}
