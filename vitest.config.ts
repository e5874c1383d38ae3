import { defineConfig } from 'vitest/config';

// One vitest run, several projects, each in its real runtime: ml/db on Node, worker inside workerd.
export default defineConfig({
  test: {
    projects: ['ml/vitest.config.ts', 'worker/vitest.cli.config.ts'],
  },
});
