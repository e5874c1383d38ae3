/**
 * Auth benchmark, one run, same machine, same load generator (bench/api/load.ts):
 *  - the CPU time of ONE password hash (argon2id at the API's parameters, services/auth/password.ts) in workerd —
 *    a probe worker's /hash latency minus its /noop latency, sequential requests, median (timers in workerd stand
 *    still while JavaScript runs, so it cannot time itself) — and, for reference, in Node (process.cpuUsage);
 *  - sign-in latency: `auth.signIn` on the API under `wrangler dev` (real Postgres + Redis: throttle, argon2id
 *    verification, session insert) beside a hello-world Hono worker on the same runtime.
 * Every sign-in comes from its own client address and each connection signs in its own account, as real users do
 * (the sign-in throttle allows 20 attempts per address and 5 per account in 15 minutes); the limiter's anonymous
 * rate is lifted. One local isolate serves every request, so concurrent sign-ins queue behind each other's hashing:
 * the default is one connection (what one user waits).
 *
 *   npm run bench:auth [-- --connections 1 --seconds 30 --hashes 15]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { portsFrom, startLocalStack } from '@fairline/local/stack';
import { assertPortFree } from '@fairline/local/wait';
import { migrateDatabase } from '@fairline/db/migrate';
import { startWorkerDev, type WorkerDev } from '../../scripts/worker-dev.ts';
import { hashPassword, PASSWORD_HASH_PARAMS } from '../../worker/src/services/auth/password.ts';
import { load, type LoadResult } from '../api/load.ts';

const { values: a } = parseArgs({
  options: {
    connections: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '30' },
    hashes: { type: 'string', default: '15' },
  },
});
const CONNECTIONS = Number(a.connections);
const SECONDS = Number(a.seconds);
const HASHES = Number(a.hashes);
const BASE = 56830;
for (const p of Object.values(portsFrom(BASE))) await assertPortFree(p, 'bench:auth');

const stackDir = join(dataDir, 'bench-auth');
const outDir = join(repoRoot, 'bench', '.out');
mkdirSync(outDir, { recursive: true });
const stack = await startLocalStack({ dir: stackDir, ports: portsFrom(BASE), quiet: true });
const workers: WorkerDev[] = [];
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
try {
  await stack.postgres.dropDatabase('bench_auth');
  await stack.postgres.ensureDatabase('bench_auth');
  await migrateDatabase(stack.postgres.url('bench_auth'));
  const env = stack.env('bench_auth');
  const persistTo = join(stackDir, 'wrangler');
  // One wrangler at a time: two starting together can race for the same internal socket.
  const api = await startWorkerDev({
    vars: { ...env, ENVIRONMENT: 'development', ADMIN_TOKEN: 'bench-admin', RATE_LIMIT_PER_MINUTE: '100000000' } as Record<string, string>,
    persistTo,
    logFile: join(outDir, 'auth-api-wrangler.log'),
  });
  workers.push(api);
  const hello = await startWorkerDev({ vars: {}, config: 'bench/api/hello/wrangler.toml', readyPath: '/', persistTo, logFile: join(outDir, 'auth-hello-wrangler.log') });
  workers.push(hello);
  const probe = await startWorkerDev({ vars: {}, config: 'bench/auth/hash/wrangler.toml', readyPath: '/noop', persistTo, logFile: join(outDir, 'auth-hash-wrangler.log') });
  workers.push(probe);

  // 1. One hash: workerd (latency difference, sequential, alternating) and Node (CPU time of this process).
  const timed = async (url: string) => {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) await timed(`${probe.url}/hash`); // warm-up (JIT)
  const hashMs: number[] = [];
  const noopMs: number[] = [];
  for (let i = 0; i < HASHES; i++) {
    noopMs.push(await timed(`${probe.url}/noop`));
    hashMs.push(await timed(`${probe.url}/hash`));
  }
  const nodeCpuMs: number[] = [];
  for (let i = 0; i < Math.min(HASHES, 7); i++) {
    const c0 = process.cpuUsage();
    await hashPassword('correct horse battery staple 42');
    const c = process.cpuUsage(c0);
    nodeCpuMs.push((c.user + c.system) / 1000);
  }

  // 2. Sign-in beside hello-world. Accounts are made through the API (one per connection, plus the warm-up's).
  const trpc = (path: string) => `${api.url}/trpc/${path}`;
  let ip = 0;
  const address = () => {
    ip++;
    return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
  };
  const password = 'violet otter lamp 1987';
  const emails = Array.from({ length: CONNECTIONS }, (_, i) => `bench-${i}-${Date.now()}@example.test`);
  for (const email of emails) {
    const res = await fetch(trpc('auth.signUp'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': address() },
      body: JSON.stringify({ json: { email, password, session: 'token' } }),
    });
    if (!res.ok) throw new Error(`sign-up ${email}: HTTP ${res.status} ${await res.text()}`);
  }
  // Each connection's requests go round the accounts in turn: with one request in flight per connection and
  // `connections` accounts, an account never has two attempts counted at once (a success clears its count).
  const signIn = (i: number) => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': address() },
    body: JSON.stringify({ json: { email: emails[i % emails.length], password, session: 'token' } }),
  });
  const targets: [string, string, Parameters<typeof load>[1]['request']][] = [
    ['hello-world Hono (peer)', `${hello.url}/`, undefined],
    ['fairline auth.signIn (throttle, argon2id, session)', trpc('auth.signIn'), signIn],
  ];
  const results: [string, LoadResult][] = [];
  for (const [name, url, request] of targets) {
    await load(url, { connections: CONNECTIONS, seconds: 2, ...(request ? { request } : {}) }); // warm-up
    results.push([name, await load(url, { connections: CONNECTIONS, seconds: SECONDS, ...(request ? { request } : {}) })]);
  }

  const p = PASSWORD_HASH_PARAMS;
  const f = (x: number, d = 1) => x.toFixed(d).padStart(8);
  console.log(`\nFairline auth benchmark — node ${process.version}, ${new Date().toISOString()}, wrangler dev (workerd)`);
  console.log(`\nOne password hash, argon2id m=${p.m} KiB t=${p.t} p=${p.p} (@noble/hashes, services/auth/password.ts)`);
  console.log(`${'workerd: /hash − /noop latency, median'.padEnd(52)}${f(median(hashMs) - median(noopMs))} ms   (/hash ${median(hashMs).toFixed(1)} ms, /noop ${median(noopMs).toFixed(1)} ms, ${HASHES} each)`);
  console.log(`${'Node: process CPU time, median'.padEnd(52)}${f(median(nodeCpuMs))} ms   (${nodeCpuMs.length} hashes)`);
  console.log(`\nSign-in vs hello-world: ${CONNECTIONS} connection(s) × ${SECONDS} s each`);
  console.log(`${'target'.padEnd(52)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}  errors`);
  for (const [name, r] of results) console.log(`${name.padEnd(52)}${f(r.rps, 1)}${f(r.p50)}${f(r.p90)}${f(r.p99)}${String(r.errors).padStart(8)}`);
  const [, peer] = results[0]!;
  const [, signInResult] = results[1]!;
  console.log(`sign-in p50 is ${(signInResult.p50 / peer.p50).toFixed(0)}× hello-world's; ${signInResult.requests} sign-ins measured`);
  if (signInResult.errors > 0) console.log(`(${signInResult.errors} sign-ins failed — see bench/.out/auth-api-wrangler.log)`);
} finally {
  for (const w of workers.reverse()) await w.stop();
  await stack.stop();
}
