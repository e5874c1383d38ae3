import { defineProject } from 'vitest/config';

// db's own tests (its queries) against the real local Postgres.
export default defineProject({
  test: {
    name: 'db',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
