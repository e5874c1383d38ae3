import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineProject } from 'vitest/config';

// `worker (workerd)`: routes, the LiveRoom Durable Object and cron jobs, tested inside workerd (the real Workers
// runtime) against the real local Postgres (through the Neon proxy) and Redis (through the Upstash shim).
export default defineProject({
  plugins: [
    cloudflareTest(({ inject }) => {
      const stack = inject('stack');
      return {
        wrangler: { configPath: '../wrangler.toml' },
        miniflare: {
          bindings: {
            ENVIRONMENT: 'test',
            DATABASE_URL: stack.adminUrl.replace(/\/postgres$/, `/${stack.templateDb}`),
            NEON_LOCAL_PROXY: stack.neonProxy,
            UPSTASH_REDIS_REST_URL: stack.upstashUrl ?? '',
            UPSTASH_REDIS_REST_TOKEN: stack.upstashToken ?? '',
            ADMIN_TOKEN: 'test-admin-token',
            TEST_ADMIN_DATABASE_URL: stack.adminUrl,
            TEST_TEMPLATE_DB: stack.templateDb,
            TEST_SILENT_URL: inject('silentUrl'),
          },
        },
      };
    }),
  ],
  test: {
    name: 'workerd',
    // A server that accepts and never answers: the slow Redis of the limiter's fail-open test.
    globalSetup: ['../scripts/test/silent-server.ts'],
    include: ['test/worker/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
