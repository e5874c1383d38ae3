/**
 * Where the API worker's CPU goes under load: the same frozen bundle, stack and demo data as `npm run bench:api`,
 * one route at a time under 16 connections for 5 s while V8's sampling profiler runs in the worker (through wrangler
 * dev's inspector). Prints each route's top functions by self and by inclusive time, and writes the profile to
 * bench/.out/profile-<route>.cpuprofile (open it in Chrome DevTools' Performance panel). This is how the two
 * per-request drizzle clients (46% of a cached read's CPU) were found.
 *
 *   npm run bench:api:profile [-- <route name, e.g. fixtures.list>]   (PROFILE_SECONDS=N profiles N s per route, not 5)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { portsFrom, startLocalStack } from '@fairline/local/stack';
import { assertPortFree, waitForHttp } from '@fairline/local/wait';
import WebSocket from 'ws';
import { prepareDemoDatabase } from '../../scripts/demo-database.ts';
import { benchWranglerEnv, freezeWorker } from './frozen-worker.ts';
import { apiRoutes } from './http-targets.ts';
import { loadClients } from './load.ts';
import { userWorkerUrl } from './user-worker-url.ts';
import { summariseProfile, type CpuProfile } from './profile-summary.ts';

const BASE = 47900; // below the ephemeral port range, apart from bench:api's ports
const ports = portsFrom(BASE);
const API = `http://127.0.0.1:${BASE + 4}`;
const INSPECTOR = BASE + 5;
for (const p of [...Object.values(ports), BASE + 4, INSPECTOR]) await assertPortFree(p, 'bench:api:profile');
const stackDir = join(dataDir, `bench-api-${BASE}`);
const outDir = join(repoRoot, 'bench', '.out');
mkdirSync(outDir, { recursive: true });
const stack = await startLocalStack({ dir: stackDir, ports, quiet: true });
const children: ChildProcess[] = [];
const clients = loadClients();
try {
  await prepareDemoDatabase(stack, 'fairline');
  const env = benchWranglerEnv(stackDir);
  const vars = Object.entries({ ...stack.env('fairline'), ENVIRONMENT: 'development', ADMIN_TOKEN: 'profile', RATE_LIMIT_PER_MINUTE: '100000000' }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const config = freezeWorker(repoRoot, join(outDir, 'profile-bundle'), env);
  const log = openSync(join(outDir, 'profile-wrangler.log'), 'w');
  const args = ['dev', '--config', config, '--ip', '127.0.0.1', '--port', String(BASE + 4), '--inspector-port', String(INSPECTOR), '--persist-to', join(stackDir, 'wrangler'), ...vars];
  children.push(spawn('wrangler', args, { stdio: ['ignore', log, log], env: { ...env, WRANGLER_LOG: 'debug' }, cwd: repoRoot }));
  await waitForHttp(`${API}/health`, 120_000);
  // The worker's own workerd socket, as bench:api measures it (wrangler dev's proxy is a dev-only hop).
  const direct = await userWorkerUrl(join(outDir, 'profile-wrangler.log'));
  const inspector = await openInspector(INSPECTOR);
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 200 }); // µs
  const only = process.argv[2];
  for (const t of (await apiRoutes(direct)).filter((r) => !only || r.name === only)) {
    await clients.load(t.url, { connections: 16, seconds: 2 }); // warm-up
    await inspector.send('Profiler.start');
    const r = await clients.load(t.url, { connections: 16, seconds: Number(process.env.PROFILE_SECONDS ?? 5) });
    const { profile } = (await inspector.send('Profiler.stop')) as { profile: CpuProfile };
    writeFileSync(join(outDir, `profile-${t.name}.cpuprofile`), JSON.stringify(profile));
    console.log(`\n== ${t.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms\n${summariseProfile(profile, 20)}`);
  }
  inspector.close();
} finally {
  clients.close();
  for (const c of children) c.kill('SIGTERM');
  await stack.stop();
}

/** The worker's V8 inspector (Chrome DevTools protocol) behind wrangler dev's inspector port. */
async function openInspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (m.id !== undefined) pending.get(m.id)?.(m.result);
    if (m.id !== undefined) pending.delete(m.id);
  });
  let id = 0;
  return {
    send: (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        pending.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}
