import { defineProject } from 'vitest/config';

// `worker (node)`: what runs on Node — the services against the real local Postgres (files on disk, the ws
// driver), the `fairline` CLI, and the demo seed.
export default defineProject({
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/services/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/seed/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
