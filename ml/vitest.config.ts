import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'ml',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
