import { defineConfig } from 'vitest/config';

// The worker's tests, each in the runtime its code runs in. A container config: it runs no tests itself, its
// projects are named `worker (workerd)` and `worker (node)`, and `vitest --project worker` runs both.
export default defineConfig({
  test: {
    name: 'worker',
    projects: ['./vitest.workerd.config.ts', './vitest.node.config.ts'],
  },
});
