import { defineConfig } from 'vitest/config';

// One vitest run, one project per package, each in its real runtime: ml and db on Node; the worker a container of
// `worker (workerd)` (inside workerd) and `worker (node)` (services, CLI, seed on Node); web's server modules on Node;
// the typed client against the real worker (wrangler dev).
// The global setup starts real Postgres (+ Neon proxy) and Redis (+ Upstash shim) once for all of them.
export default defineConfig({
  test: {
    globalSetup: ['scripts/test/global-setup.ts'],
    projects: ['ml/vitest.config.ts', 'db/vitest.config.ts', 'worker/vitest.config.ts', 'web/vitest.config.ts', 'client/vitest.config.ts'],
  },
});
