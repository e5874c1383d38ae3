import { defineProject } from 'vitest/config';

// db and the Node-side services (ingestion, jobs' verbs) against the real local Postgres.
export default defineProject({
  test: {
    name: 'db',
    environment: 'node',
    include: ['db/test/**/*.test.ts', 'worker/test/services/**/*.test.ts', 'worker/test/seed/**/*.test.ts'],
    root: '..',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
