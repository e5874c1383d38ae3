/**
 * vitest global setup: starts the real local stand-ins once per test run — embedded Postgres, the Neon
 * proxy, redis-server + the Upstash shim — on test-only ports (so a running `npm start` is not disturbed),
 * migrates a template database, and tells the suites where everything is. Each suite then clones the template
 * into a database of its own (see fresh-db.ts), so suites never share rows.
 */
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../db/src/migrate.ts';
import { dataDir } from '../local/paths.ts';
import { startLocalStack, type LocalStack } from '../local/stack.ts';
import { join } from 'node:path';
import { isPortFree } from '../local/wait.ts';

async function freePortBase(): Promise<number> {
  for (let base = 56430; base < 56430 + 20 * 10; base += 10) {
    const free = await Promise.all([0, 1, 2, 3].map((i) => isPortFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port block for the test stack (56430-56630)');
}

export const TEMPLATE_DB = 'fairline_template';

export interface TestStackInfo {
  postgresPort: number;
  adminUrl: string;
  templateDb: string;
  neonProxy: string;
  upstashUrl: string | null;
  upstashToken: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStackInfo;
  }
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject) {
  // Concurrent test runs on one machine (several developers' shells) each take the first free port block,
  // with a data directory of its own.
  const base = process.env.FAIRLINE_TEST_PORT_BASE ? Number(process.env.FAIRLINE_TEST_PORT_BASE) : await freePortBase();
  stack = await startLocalStack({
    dir: join(dataDir, `test-${base}`),
    ports: { postgres: base, neonProxy: base + 1, redis: base + 2, upstash: base + 3 },
    quiet: true,
  });
  if (!stack.redis && process.env.CI) {
    throw new Error('redis-server is not installed: the tests exercise the real Redis (apt-get install redis-server)');
  }
  await stack.postgres.dropDatabase(TEMPLATE_DB);
  await stack.postgres.ensureDatabase(TEMPLATE_DB);
  await migrateDatabase(stack.postgres.url(TEMPLATE_DB));
  const info: TestStackInfo = {
    postgresPort: stack.postgres.port,
    adminUrl: stack.postgres.url('postgres'),
    templateDb: TEMPLATE_DB,
    neonProxy: `127.0.0.1:${stack.proxy.port}`,
    upstashUrl: stack.upstash ? `http://127.0.0.1:${stack.upstash.port}` : null,
    upstashToken: stack.upstash?.token ?? null,
  };
  project.provide('stack', info);
}

export async function teardown() {
  await stack?.stop();
}
