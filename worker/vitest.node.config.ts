import { defineProject } from 'vitest/config';

// `worker (node)`: what runs on Node — the services against the real local Postgres (files on disk, the ws
// driver), the `fairline` CLI, the demo seed, and the fault suite (the API under wrangler dev on a stack of its own,
// whose Postgres and Redis it stops and restarts).
export default defineProject({
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/services/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/seed/**/*.test.ts', 'test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
