import { defineProject } from 'vitest/config';

// `web`: the web app's server modules (the API proxy, the security headers) on Node. Pages and the middleware
// as a whole are tested in Chromium (e2e/).
export default defineProject({
  test: {
    name: 'web',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
