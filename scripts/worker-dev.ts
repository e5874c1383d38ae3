/**
 * The API worker under `wrangler dev` (workerd, the real runtime) on a free local port, for tests and benches that
 * need the worker as a partner reaches it — over HTTP — rather than inside the test runner. The caller gives the
 * worker's vars (database, Redis, environment); wrangler's output goes to `logFile` so a failed start can be read.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { repoRoot } from '@fairline/local/paths';
import { waitForHttp } from '@fairline/local/wait';

/** A running worker: its base URL and how to stop it. */
export interface WorkerDev {
  url: string;
  /** The pid of `wrangler dev` (the workerd running the worker is its descendant: the fault suite reads its memory). */
  pid: number;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev` with `config` (default the API's wrangler.toml) and `vars`, state under `persistTo`, and waits
 * until `readyPath` answers (up to 2 minutes).
 */
export async function startWorkerDev(opts: {
  vars: Record<string, string>;
  persistTo: string;
  logFile: string;
  config?: string;
  readyPath?: string;
  /** Fixed ports (default: a free port for the worker, wrangler's own choice for the inspector). */
  port?: number;
  inspectorPort?: number;
}): Promise<WorkerDev> {
  const port = opts.port ?? (await freePort());
  const inspector = opts.inspectorPort === undefined ? [] : ['--inspector-port', String(opts.inspectorPort)];
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const out = openSync(opts.logFile, 'w');
  const vars = Object.entries(opts.vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child = spawn(
    join(repoRoot, 'node_modules/.bin/wrangler'),
    ['dev', '--config', opts.config ?? 'wrangler.toml', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', opts.persistTo, ...inspector, ...vars],
    {
      cwd: repoRoot,
      stdio: ['ignore', out, out],
      // Its own process group, so stop() ends wrangler and the workerd it started, and nothing else.
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_REGISTRY_PATH: join(opts.persistTo, 'registry') },
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForHttp(`${url}${opts.readyPath ?? '/health'}`, 120_000),
      exited.then((code) => Promise.reject(new Error(`wrangler dev exited (${code}) before answering; see ${opts.logFile}`))),
    ]);
  } catch (err) {
    await stop();
    const tail = readFileSync(opts.logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- ${opts.logFile} (last lines) ---\n${tail}`);
  }
  return { url, pid: child.pid!, stop };
}
