import { defineProject } from 'vitest/config';

// `client`: the typed client and its example, on Node, against the real API worker (wrangler dev → workerd) on the
// test stack's Postgres and Redis.
export default defineProject({
  test: {
    name: 'client',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
