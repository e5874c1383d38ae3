/**
 * Debian's `pgbouncer` in TRANSACTION pool mode in front of the local Postgres — the same pooling Neon's pooled
 * URL puts between the worker and the database. The tests run ingestion through it, so a lock that needs a session
 * of its own (which a transaction-mode pooler cannot give) fails there, as it would in production.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { postgresIdentity } from './reachable.mjs';

export interface LocalPgBouncer {
  port: number;
  /** Connection string for a database of the cluster, through the pooler. */
  url(database: string): string;
  stop(): Promise<void>;
}

/** The one line a missing pgbouncer gets: what to install. */
export const PGBOUNCER_MISSING =
  'pgbouncer is not installed: the tests run ingestion through a transaction-mode pooler (apt-get install pgbouncer)';

/** Path of the pgbouncer binary (Debian installs it in /usr/sbin, which a normal user's PATH may lack), or null. */
export function pgbouncerPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (r.status === 0 && found) return found;
  return existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : null;
}

/**
 * Starts pgbouncer on `port` (127.0.0.1, TCP only) for every database of the Postgres on `postgresPort`, with
 * `user`/`password` (SCRAM to the client and to the server). Its config lives in `dir`. pgbouncer refuses to run as
 * root, so as root it runs as the `postgres` user, like embedded Postgres (the directory is handed to that user).
 */
export async function startPgBouncer(opts: {
  dir: string;
  port: number;
  postgresPort: number;
  user: string;
  password: string;
  /** Server connections per database and user (default 10). */
  poolSize?: number;
}): Promise<LocalPgBouncer> {
  const bin = pgbouncerPath();
  if (!bin) throw new Error(PGBOUNCER_MISSING);
  mkdirSync(opts.dir, { recursive: true });
  const ini = join(opts.dir, 'pgbouncer.ini');
  const userlist = join(opts.dir, 'userlist.txt');
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(userlist, `${quote(opts.user)} ${quote(opts.password)}\n`, { mode: 0o600 });
  writeFileSync(
    ini,
    [
      '[databases]',
      // The wildcard: every suite's own database gets a pool of its own, created on first use.
      `* = host=127.0.0.1 port=${opts.postgresPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${opts.port}`,
      // No Unix socket: it would need a directory shared with every other pgbouncer on the machine.
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${userlist}`,
      'pool_mode = transaction',
      `default_pool_size = ${opts.poolSize ?? 10}`,
      'max_client_conn = 1000',
      // Drivers set these at startup; a transaction pooler cannot keep session settings, so it ignores them.
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${join(opts.dir, 'pgbouncer.log')}`,
      // Errors and warnings only: a test run opens thousands of connections.
      'log_connections = 0',
      'log_disconnections = 0',
      'log_pooler_errors = 1',
      '',
    ].join('\n'),
  );
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const who = asRoot ? postgresIdentity() : undefined;
  if (asRoot && !who) throw new Error('pgbouncer refuses to run as root and there is no `postgres` user to run it as');
  if (who) for (const f of [opts.dir, ini, userlist]) chownSync(f, who.uid, who.gids[0]!);
  const child: ChildProcess = spawn(bin, [ini], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(who ? { uid: who.uid, gid: who.gids[0]! } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => void (stderr = (stderr + c.toString('utf8')).slice(-2000)));
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  const url = (database: string) =>
    `postgres://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`;

  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new pg.Client({ connectionString: url('postgres') });
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      await probe.end();
      break;
    } catch (err) {
      await probe.end().catch(() => {});
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGTERM');
        process.off('exit', killOnExit);
        throw new Error(`pgbouncer did not start on port ${opts.port}: ${String(err)} ${stderr.trim()}`.trim());
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port: opts.port,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGTERM: immediate shutdown (SIGINT would wait for clients to finish).
        child.kill('SIGTERM');
      }),
  };
}
