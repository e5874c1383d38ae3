import { defineConfig } from 'vitest/config';

// One vitest run, several projects, each in its real runtime: ml/cli/db on Node, worker inside workerd.
// The global setup starts real Postgres (+ Neon proxy) and Redis (+ Upstash shim) once for all of them.
export default defineConfig({
  test: {
    globalSetup: ['scripts/test/global-setup.ts'],
    projects: ['ml/vitest.config.ts', 'worker/vitest.cli.config.ts', 'db/vitest.config.ts', 'worker/vitest.config.ts'],
  },
});
