/**
 * fairline-api — the table of contents: the HTTP app, the scheduled handler, the queue handler (the event pipeline)
 * and the Durable Object classes.
 */
import { createApp } from './app.ts';
import { runQueue } from './queue.ts';
import { runScheduled } from './scheduled.ts';

export { LiveRoom } from './rooms/live-room.ts';
export type { AppRouter } from './trpc/router.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller, env));
  },
  // The event pipeline's consumer (and its dead-letter queue's): awaited, every message is acked or retried first.
  async queue(batch, env) {
    await runQueue(batch, env);
  },
} satisfies ExportedHandler<Env>;
