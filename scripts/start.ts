/**
 * `npm start` — the embedded default. Starts real Postgres (+ Neon proxy), Redis (+ Upstash shim) when
 * redis-server is installed, applies migrations, seeds a clearly labelled simulated league when the database
 * is empty (and the demo subscriber and admin, whose credentials it prints), then runs the API worker under
 * `wrangler dev` (workerd) and the web app under `vite dev`.
 * Ctrl-C stops everything it started; the data in .data/dev is kept for the next run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { prepareDemoDatabase } from './demo-database.ts';
import { DEV_PORTS, portsFrom, startLocalStack } from '@fairline/local/stack';
import { assertPortFree, waitForHttp } from '@fairline/local/wait';

// Overridable so the browser tests can run a second, isolated platform beside a developer's `npm start`.
const API_PORT = Number(process.env.FAIRLINE_API_PORT ?? 8787);
const WEB_PORT = Number(process.env.FAIRLINE_WEB_PORT ?? 3000);
const STACK_DIR = process.env.FAIRLINE_STACK_DIR ?? join(dataDir, 'dev');
const PORT_BASE = process.env.FAIRLINE_STACK_PORT_BASE ? Number(process.env.FAIRLINE_STACK_PORT_BASE) : null;
const PORTS = PORT_BASE ? portsFrom(PORT_BASE) : DEV_PORTS;
const DATABASE = 'fairline';
const t0 = Date.now();
const log = (m: string) => console.log(`[fairline] ${m}`);

for (const [port, what] of [[API_PORT, 'API worker'], [WEB_PORT, 'web app'], [PORTS.postgres, 'postgres'], [PORTS.neonProxy, 'neon proxy']] as const) {
  await assertPortFree(port, what);
}
// FAIRLINE_NO_REDIS=1 runs without the cache tier even where redis-server is installed (to try degraded mode).
const stack = await startLocalStack({ dir: STACK_DIR, ports: PORTS, quiet: true, withRedis: process.env.FAIRLINE_NO_REDIS !== '1' });
log(`postgres :${stack.postgres.port} · neon proxy :${stack.proxy.port} · ${stack.upstash ? `redis :${stack.redis!.port} + upstash shim :${stack.upstash.port}` : process.env.FAIRLINE_NO_REDIS === '1' ? 'FAIRLINE_NO_REDIS=1: running WITHOUT the cache tier' : 'redis-server not installed: running WITHOUT the cache tier'}`);
const seeded = await prepareDemoDatabase(stack, DATABASE);
log(seeded.seeded ? `seeded SIMULATED demo data: ${seeded.fixtures} fixtures, ${seeded.odds} prices, ${seeded.projections} player projections` : 'reusing existing data');
const env = stack.env(DATABASE);

const children: ChildProcess[] = [];
function run(name: string, cmd: string, args: string[], extraEnv: Record<string, string>, cwd = repoRoot) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = (chunk: Buffer) =>
    chunk.toString().split('\n').filter((l) => l.trim()).map((l) => `[${name}] ${l}`).join('\n') + '\n';
  child.stdout!.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.on('exit', (code) => {
    if (!stopping) {
      log(`${name} exited (${code}); stopping`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

// Each platform gets its own wrangler dev registry, so the web worker's `API` service binding finds *this*
// API worker even when another copy (e.g. the browser tests beside a developer's `npm start`) is running.
const wranglerEnv = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
  WRANGLER_REGISTRY_PATH: join(STACK_DIR, 'wrangler-registry'),
};
const apiEnv: Record<string, string> = { ...env, ENVIRONMENT: 'development', ADMIN_TOKEN: 'fairline-local-admin' };
const vars = Object.entries(apiEnv).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
// wrangler.toml's required secrets, also in wrangler dev's environment, where it looks for them (when there is no
// .dev.vars) — else it warns they are missing although --var sets them. ODDS_API_KEY is empty (no live odds), as
// before: a key for local live odds goes in .dev.vars.
const secrets = {
  DATABASE_URL: apiEnv.DATABASE_URL ?? '',
  UPSTASH_REDIS_REST_TOKEN: apiEnv.UPSTASH_REDIS_REST_TOKEN ?? '',
  ADMIN_TOKEN: apiEnv.ADMIN_TOKEN ?? '',
  ODDS_API_KEY: '',
};
run('api', 'wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(API_PORT), '--test-scheduled', '--persist-to', join(STACK_DIR, 'wrangler'), ...vars], { ...wranglerEnv, ...secrets });
const apiUrl = `http://127.0.0.1:${API_PORT}`;
if (process.env.FAIRLINE_WEB_MODE === 'built') {
  // The production path: the nitro cloudflare_module build, served by workerd, reaching the API worker
  // through its service binding (tRPC and room upgrades are same-origin for the browser).
  const webDir = join(repoRoot, 'web');
  log('building the web worker (nitro cloudflare_module) …');
  const build = spawnSync('vite', ['build'], { cwd: webDir, env: { ...process.env, NITRO_PRESET: 'cloudflare_module' }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    log('web build failed');
    await shutdown(1);
  }
  run('web', 'wrangler', ['dev', '--config', join(webDir, '.output/server/wrangler.json'), '--ip', '127.0.0.1', '--port', String(WEB_PORT), '--persist-to', join(STACK_DIR, 'wrangler-web'), '--var', 'ENVIRONMENT:development'], wranglerEnv, webDir);
} else {
  run('web', 'vite', ['dev', '--port', String(WEB_PORT)], { API_URL: apiUrl, VITE_API_URL: apiUrl, ENVIRONMENT: 'development' }, join(repoRoot, 'web'));
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping …');
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await stack.stop();
  log(`stopped (data kept in ${STACK_DIR})`);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

await waitForHttp(`${apiUrl}/health`, 120_000);
await waitForHttp(`http://127.0.0.1:${WEB_PORT}/`, 120_000);
log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
log(`web app     http://127.0.0.1:${WEB_PORT}/`);
log(`API worker  ${apiUrl}  (/health, /metrics, /trpc, /rooms/:room)`);
log('demo accounts (LOCAL DEMO ONLY — published passwords; sign in at /signin):');
for (const u of seeded.demoUsers) log(`  ${u.label.padEnd(16)} ${u.email.padEnd(32)} password: ${u.password}${u.created ? '' : '  (unless changed)'}`);
log('admins elsewhere: npx fairline users create --email <email> --admin');
log(`Ctrl-C stops everything; data stays in ${STACK_DIR}`);
