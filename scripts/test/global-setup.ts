/**
 * vitest global setup: starts the real local stand-ins once per test run — embedded Postgres, the Neon
 * proxy, redis-server + the Upstash shim — on test-only ports (so a running `npm start` is not disturbed),
 * migrates a template database, and tells the suites where everything is. Each suite then clones the template
 * into a database of its own (see fresh-db.ts), so suites never share rows.
 */
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '@fairline/db/migrate';
import { dataDir } from '@fairline/local/paths';
import { PGBOUNCER_MISSING, pgbouncerPath, startPgBouncer, type LocalPgBouncer } from '@fairline/local/pgbouncer';
import { portsFrom, startLocalStack, type LocalStack } from '@fairline/local/stack';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortFree } from '@fairline/local/wait';

/**
 * Claims a block of ports for this run's stack (base … base+3: the stack; base+4: pgbouncer). Several runs can start at the same instant (developers'
 * shells, helpers, CI beside a dev session), so the claim is an atomic mkdir of a lock in the OS temp dir holding
 * our pid (a lock whose pid is dead is stale and taken over), and the ports must also be free.
 */
async function claimPortBlock(): Promise<{ base: number; release: () => void }> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let base = 56430; base < 56430 + 20 * 10; base += 10) {
    const lock = join(tmpdir(), `fairline-test-ports-${base}.lock`);
    try {
      mkdirSync(lock);
    } catch {
      const pid = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : 0);
      if (pid && alive(pid)) continue;
      rmSync(lock, { recursive: true, force: true });
      try {
        mkdirSync(lock);
      } catch {
        continue;
      }
    }
    writeFileSync(join(lock, 'pid'), String(process.pid));
    const release = () => rmSync(lock, { recursive: true, force: true });
    const free = await Promise.all([0, 1, 2, 3, 4].map((i) => isPortFree(base + i)));
    if (free.every(Boolean)) return { base, release };
    release();
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
  /** `127.0.0.1:port` of pgbouncer (transaction pool mode) in front of the Postgres; null when no project needs it. */
  pooler: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStackInfo;
  }
}

let stack: LocalStack | undefined;
let pooler: LocalPgBouncer | undefined;
let releasePorts: () => void = () => {};

/**
 * The projects that talk to Postgres/Redis: db's, the worker's (`worker (workerd)`, `worker (node)`) and the typed
 * client's (it runs the worker); a run of only `ml` does not start the stack.
 */
const needsStack = (name: string) => name === 'db' || name.startsWith('worker') || name === 'client';
/** `worker (node)` runs ingestion through a transaction-mode pooler (worker/test/services/ingest/pooler.test.ts). */
const needsPooler = (name: string) => name === 'worker (node)';

export async function setup(project: TestProject) {
  if (!project.vitest.projects.some((p) => needsStack(p.name))) return;
  const withPooler = project.vitest.projects.some((p) => needsPooler(p.name));
  // Say it before anything starts, in one line (never skip the pooler's tests silently).
  if (withPooler && !pgbouncerPath()) throw new Error(PGBOUNCER_MISSING);
  // Concurrent test runs on one machine each claim their own port block, with a data directory of its own.
  const claim = process.env.FAIRLINE_TEST_PORT_BASE
    ? { base: Number(process.env.FAIRLINE_TEST_PORT_BASE), release: () => {} }
    : await claimPortBlock();
  releasePorts = claim.release;
  const base = claim.base;
  try {
    stack = await startLocalStack({
      dir: join(dataDir, `test-${base}`),
      ports: portsFrom(base),
      quiet: true,
    });
    if (!stack.redis && process.env.CI) {
      throw new Error('redis-server is not installed: the tests exercise the real Redis (apt-get install redis-server)');
    }
    await stack.postgres.dropDatabase(TEMPLATE_DB);
    await stack.postgres.ensureDatabase(TEMPLATE_DB);
    await migrateDatabase(stack.postgres.url(TEMPLATE_DB));
    if (withPooler) {
      const admin = new URL(stack.postgres.url('postgres'));
      pooler = await startPgBouncer({
        dir: join(dataDir, `test-${base}`, 'pgbouncer'),
        port: base + 4,
        postgresPort: stack.postgres.port,
        user: decodeURIComponent(admin.username),
        password: decodeURIComponent(admin.password),
      });
    }
  } catch (err) {
    // vitest reports a rejected global setup as "Unknown Error: undefined"; say what failed instead.
    await pooler?.stop().catch(() => {});
    await stack?.stop().catch(() => {});
    releasePorts();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`test stack failed to start on ports ${base}-${base + 4}: ${why}`);
  }
  const info: TestStackInfo = {
    postgresPort: stack.postgres.port,
    adminUrl: stack.postgres.url('postgres'),
    templateDb: TEMPLATE_DB,
    neonProxy: `127.0.0.1:${stack.proxy.port}`,
    upstashUrl: stack.upstash ? `http://127.0.0.1:${stack.upstash.port}` : null,
    upstashToken: stack.upstash?.token ?? null,
    pooler: pooler ? `127.0.0.1:${pooler.port}` : null,
  };
  project.provide('stack', info);
}

export async function teardown() {
  try {
    await pooler?.stop();
    await stack?.stop();
  } finally {
    releasePorts();
  }
}
