/**
 * The fault suite (issue 16, item 9): the API under `wrangler dev` (workerd; frozen as one bundle, bench/api/frozen-worker.ts) on a stack of its own — real Postgres
 * behind the Neon proxy, real Redis behind the Upstash shim — kept under steady load (anonymous reads over tRPC, a
 * REST read, a session's read and a write, /health) while
 *  1. Postgres is stopped (fast shutdown: connections killed) and started again,
 *  2. Redis is stopped and started again,
 *  3. then a soak of SOAK_MS under the same load.
 * Every answer must be 2xx, 429 or 503 (never a 500, never a hang) and come within DB_TIMEOUT_MS + MARGIN_MS; the
 * API must be fully back within RECOVERY_MS of the restart; a Redis outage must cost no request at all (served
 * uncached, the limiter open, sessions from Postgres); during the soak the worker isolate's live heap (after a full
 * collection, over the V8 inspector) must stay flat over the second half, workerd's RSS reported beside it.
 * Its ports (a free block in 57500-57599 for the stack and the inspector, 8915 for the API) are its own, so it runs
 * beside the rest of `npm test`.
 */
import { DB_TIMEOUT_MS } from '@fairline/db';
import { migrateDatabase } from '@fairline/db/migrate';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { portsFrom, startLocalStack, type LocalStack } from '@fairline/local/stack';
import { assertPortFree, isPortFree } from '@fairline/local/wait';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freezeWorker } from '../../../bench/api/frozen-worker.ts';
import { startWorkerDev, type WorkerDev } from '../../../scripts/worker-dev.ts';
import { recoveryMs, startLoad, summarise, type Target } from './support/load.ts';
import { connectIsolateHeap } from './support/isolate-heap.ts';
import { rssMiB, workerdPids } from './support/process-memory.ts';

/** The first of the suite's port blocks: stack base..base+3, V8 inspector base+5 (see beforeAll). */
const FIRST_BASE = 57500;
let PORTS = portsFrom(FIRST_BASE);
let INSPECTOR_PORT = FIRST_BASE + 5;
const API_PORT = 8915;
const DATABASE = 'fairline_faults';
const ADMIN = 'fault-suite-admin';
/** What an answer may take beyond the database bound: the rest of the request on a 2-core machine under load. */
const MARGIN_MS = 3000;
/** The API must answer 2xx again within this long after a restarted dependency is back. */
const RECOVERY_MS = 5000;
/** How long each dependency stays down. */
const OUTAGE_MS = 4000;
/** Load before the outage and after the restart. */
const STEADY_MS = 2000;
const AFTER_RESTART_MS = 7000;
/** The soak's length: 60 s in `npm test`; FAIRLINE_SOAK_MS makes it longer for a local investigation. */
const SOAK_MS = Number(process.env.FAIRLINE_SOAK_MS ?? 60_000);
/**
 * The soak's bound on the growth of the isolate's live heap (after a full collection) over the second half. Measured
 * flat to within 0.7 MiB over 500 requests; a leak of 8 KiB a request (a retained response, a per-request pool
 * or listener) at the suite's 10-20 requests a second adds 2.5-5 MiB in 30 s and fails it.
 */
const HEAP_GROWTH_BOUND_MiB = 2;
const CLIENTS = 4;

let stack: LocalStack | undefined;
let api: WorkerDev | undefined;
const logFile = join(dataDir, 'faults', 'wrangler.log');
let targets: Target[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (msg: string) => process.stderr.write(`fault suite: ${msg}\n`);

/** Signs a user up through the API (bearer session) and gives them the pro plan, so the write path is not rate limited. */
async function sessionToken(url: string): Promise<string> {
  const email = `faults-${Date.now()}@example.test`;
  const res = await fetch(`${url}/trpc/auth.signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { email, password: 'violet otter lamp 1987', session: 'token' } }),
  });
  const body = (await res.json()) as { result?: { data: { json: { token: string } } } };
  if (!body.result) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(body)}`);
  const c = new pg.Client({ connectionString: stack!.postgres.url(DATABASE) });
  await c.connect();
  await c.query(`update users set plan = 'pro' where email = $1`, [email]);
  await c.end();
  return body.result.data.json.token;
}

function targetsFor(url: string, token: string): Target[] {
  const input = (v: unknown) => encodeURIComponent(JSON.stringify({ json: v }));
  const session = { authorization: `Bearer ${token}` };
  let flip = 0;
  return [
    { name: 'fixtures.list', url: `${url}/trpc/fixtures.list?input=${input({ limit: 5 })}` },
    { name: 'fixtures.competitions', url: `${url}/trpc/fixtures.competitions` },
    { name: 'rest fixtures', url: `${url}/api/v1/fixtures?limit=5`, init: { headers: { authorization: `Bearer ${ADMIN}` } } },
    { name: 'auth.me', url: `${url}/trpc/auth.me`, init: { headers: session } },
    {
      name: 'preferences.update',
      url: `${url}/trpc/preferences.update`,
      // A getter: each request writes the other odds format, so every write really changes a row.
      init: {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        get body() {
          return JSON.stringify({ json: { oddsFormat: flip++ % 2 ? 'american' : 'decimal' } });
        },
      },
    },
    { name: 'health', url: `${url}/health` },
  ];
}

beforeAll(async () => {
  // The suite's ports (57500-57599) sit in Linux's ephemeral range, so another process's outgoing connection may
  // hold one of them for a while: take the first block of them that is wholly free.
  let base = 0;
  for (let b = FIRST_BASE; b < FIRST_BASE + 100 && !base; b += 10) {
    if ((await Promise.all([0, 1, 2, 3, 5].map((i) => isPortFree(b + i)))).every(Boolean)) base = b;
  }
  if (!base) throw new Error(`the fault suite found no free port block in ${FIRST_BASE}-${FIRST_BASE + 99}`);
  PORTS = portsFrom(base);
  INSPECTOR_PORT = base + 5;
  await assertPortFree(API_PORT, 'the fault suite');
  const dir = join(dataDir, 'faults');
  stack = await startLocalStack({ dir, ports: PORTS, quiet: true });
  // Like the global setup: CI must have Redis; a developer without redis-server runs the rest (the API has no cache tier).
  if (!stack.redis && process.env.CI) throw new Error('the fault suite needs redis-server (apt-get install redis-server)');
  await stack.postgres.dropDatabase(DATABASE);
  await stack.postgres.ensureDatabase(DATABASE);
  await migrateDatabase(stack.postgres.url(DATABASE));
  // Frozen: served from one bundle, so a save to worker/src by someone else cannot reload it mid-suite.
  const config = freezeWorker(repoRoot, join(dir, 'bundle'), { ...process.env, PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}` });
  api = await startWorkerDev({
    config,
    vars: { ...stack.env(DATABASE), ENVIRONMENT: 'development', ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '100000000' },
    persistTo: join(dir, 'wrangler'),
    logFile,
    port: API_PORT,
    inspectorPort: INSPECTOR_PORT,
  });
  targets = targetsFor(api.url, await sessionToken(api.url));
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await stack?.stop();
}, 60_000);

/** Load for `before` ms, then `outage()`, load for `hold` ms, `restore()`, load for AFTER_RESTART_MS. */
async function throughOutage(outage: () => Promise<void>, restore: () => Promise<void>) {
  const load = startLoad(targets, CLIENTS);
  await sleep(STEADY_MS);
  const downAt = performance.now();
  await outage();
  await sleep(OUTAGE_MS);
  await restore();
  const backAt = performance.now();
  await sleep(AFTER_RESTART_MS);
  await load.stop();
  const during = load.samples.filter((s) => s.startedAt >= downAt);
  return { samples: load.samples, during, backAt, restartedInMs: Math.round(backAt - downAt - OUTAGE_MS) };
}

describe('fault suite', () => {
  it('Postgres stopped and restarted under load: only 2xx/429/503, none slower than the bound, back within 5 s', async () => {
    const r = await throughOutage(() => stack!.postgres.stop(), () => stack!.postgres.start());
    const s = summarise(r.samples);
    const recovery = recoveryMs(r.samples, r.backAt, targets.map((t) => t.name));
    progress(`postgres: ${JSON.stringify({ ...s, unexpected: s.unexpected.slice(0, 5), recoveryMs: recovery, restartMs: r.restartedInMs })}`);
    expect(s.unexpected).toEqual([]);
    expect(s.slowestMs).toBeLessThan(DB_TIMEOUT_MS + MARGIN_MS);
    // The outage was seen (the suite would prove nothing otherwise), as 503s.
    expect(summarise(r.during).outages).toBeGreaterThan(0);
    expect(recovery).not.toBeNull();
    expect(recovery!).toBeLessThanOrEqual(RECOVERY_MS);
  }, 120_000);

  it('Redis stopped and restarted under load: every request still served (uncached), /health degraded then ok', async (t) => {
    if (!stack!.redis) return t.skip('redis-server is not installed');
    const healthDuring: string[] = [];
    const r = await throughOutage(
      async () => {
        await stack!.redis!.stop();
        await sleep(500);
        healthDuring.push(((await (await fetch(`${api!.url}/health`)).json()) as { status: string }).status);
      },
      () => stack!.redis!.start(),
    );
    const s = summarise(r.samples);
    const recovery = recoveryMs(r.samples, r.backAt, targets.map((t) => t.name));
    progress(`redis: ${JSON.stringify({ ...s, unexpected: s.unexpected.slice(0, 5), recoveryMs: recovery })}`);
    expect(healthDuring).toEqual(['degraded']);
    expect(s.unexpected).toEqual([]);
    expect(s.outages).toBe(0);
    expect(s.slowestMs).toBeLessThan(DB_TIMEOUT_MS + MARGIN_MS);
    expect(recovery).not.toBeNull();
    expect(recovery!).toBeLessThanOrEqual(RECOVERY_MS);
    expect(((await (await fetch(`${api!.url}/health`)).json()) as { status: string }).status).toBe('ok');
  }, 120_000);

  it(`soak: ${SOAK_MS / 1000} s of load, every answer 2xx/429, the worker's memory flat over the second half`, async () => {
    const pids = workerdPids(api!.pid);
    expect(pids.length).toBeGreaterThan(0);
    const rss = () => pids.reduce((sum, p) => sum + (rssMiB(p) ?? 0), 0);
    const readings: Array<{ at: number; rssMiB: number }> = [];
    const reloadsSoFar = () => readFileSync(logFile, 'utf8').split('Reloading local server').length - 1;
    const load = startLoad(targets, CLIENTS);
    const t0 = performance.now();
    const MiB = 2 ** 20;
    const sampler = setInterval(() => readings.push({ at: performance.now() - t0, rssMiB: rss() }), 1000);
    let live = { mid: 0, end: 0 };
    try {
      // The first half is the warm-up (JIT, pools, the read cache filling up); then the live heap (after a full
      // collection) at the start and at the end of the second half. A wrangler reload (someone saving worker/src
      // while the suite runs) swaps the isolate and silences the inspector session: then the half is measured again.
      await sleep(SOAK_MS / 2);
      for (let attempt = 1; ; attempt++) {
        const heap = await connectIsolateHeap(INSPECTOR_PORT);
        try {
          const reloads = reloadsSoFar();
          const mid = (await heap.liveBytes()) / MiB;
          await sleep(SOAK_MS / 2);
          live = { mid, end: (await heap.liveBytes()) / MiB };
          // The inspector follows wrangler to a reloaded isolate (should the bundle ever be reloaded): two readings of
          // different isolates compare nothing.
          if (reloadsSoFar() !== reloads) throw new Error('wrangler reloaded the worker during the window');
          break;
        } catch (err) {
          if (attempt >= 2) throw err;
          progress(`soak: inspector lost (${String(err)}); measuring the second half again`);
        } finally {
          heap.close();
        }
      }
    } finally {
      clearInterval(sampler);
      await load.stop();
    }
    const s = summarise(load.samples);
    const second = readings.filter((r) => r.at >= SOAK_MS / 2);
    const heapGrowth = live.end - live.mid;
    const rssGrowth = second.at(-1)!.rssMiB - second[0]!.rssMiB;
    const requestsInSecondHalf = load.samples.filter((x) => x.startedAt - t0 >= second[0]!.at).length;
    progress(
      `soak: ${JSON.stringify({
        requests: s.requests,
        slowestMs: s.slowestMs,
        byTarget: s.byTarget,
        liveHeapMiB: { mid: Number(live.mid.toFixed(2)), end: Number(live.end.toFixed(2)) },
        rssMiBEvery5s: readings.filter((_, i) => i % 5 === 4).map((r) => Math.round(r.rssMiB)),
        secondHalfRssGrowthKiBPerRequest: Math.round((rssGrowth * 1024) / Math.max(1, requestsInSecondHalf)),
      })}`,
    );
    expect(s.unexpected).toEqual([]);
    expect(s.outages).toBe(0);
    // The load really ran: at least 2 answers a second (about 10 a second on a quiet 2-core machine).
    expect(s.requests).toBeGreaterThan((SOAK_MS / 1000) * 2);
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_BOUND_MiB);
    // workerd's RSS is reported, not judged: under wrangler dev it climbs with requests for a hello-world worker too
    // and drops when wrangler reloads (see support/isolate-heap.ts), so it cannot tell a leak of ours.
  }, 2 * SOAK_MS + 60_000);
});
