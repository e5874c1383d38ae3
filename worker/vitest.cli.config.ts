import { defineProject } from 'vitest/config';

// The Node CLI (`npx fairline …`), tested on Node where it runs.
export default defineProject({
  test: {
    name: 'cli',
    environment: 'node',
    include: ['test/cli/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
