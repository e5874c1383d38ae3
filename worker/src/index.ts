/**
 * fairline-api — the table of contents: the HTTP app, the scheduled handler, and the Durable Object classes.
 */
import { createApp } from './app.ts';
import { runScheduled } from './scheduled.ts';

export { LiveRoom } from './rooms/live-room.ts';
export type { AppRouter } from './trpc/router.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller, env));
  },
} satisfies ExportedHandler<Env>;
