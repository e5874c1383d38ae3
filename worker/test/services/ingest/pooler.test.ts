/**
 * The ingestion lock through a real transaction-mode pooler: Debian's pgbouncer (pool_mode = transaction, started by
 * the test setup) between the Neon driver and Postgres — the path production takes through Neon's pooled URL.
 * Chain: Neon driver → local Neon proxy (WebSocket → TCP) → pgbouncer → Postgres. Each "isolate" is a pool of its
 * own, as two Workers or a Worker and a CLI would be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createPoolDb, ingestionLeaseOf, tryAcquireIngestionLease, type PoolDb } from '@fairline/db';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { run } from '../../../src/cli/commands/ingest.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import { acquireSourceLock, type HeldLock } from '../../../src/services/ingest/lock.ts';
import { runSource } from '../../../src/services/ingest/run-source.ts';
import { listIngestionRuns } from '../../../src/services/ingest/runs.ts';
import { IngestBusyError } from '../../../src/services/ingest/types.ts';
import { ctxFor, SHARED, sharedFiles } from './helpers.ts';

const stack = inject('stack');
let fresh: FreshDb;
/** The suite's database through pgbouncer. */
let pooledUrl: string;
const pools: { close(): Promise<void> }[] = [];
const children: ChildProcess[] = [];

/** A pool of its own through the pooler — one "isolate". */
function isolate(url = pooledUrl): PoolDb {
  const { db, close } = createPoolDb({ url, localProxy: stack.neonProxy, webSocketConstructor: ws });
  pools.push({ close });
  return db;
}
const pooledCtx = (db: PoolDb) => ({ ...ctxFor(fresh), db });
const E0 = () => sharedFiles('soccer_football_data/E0').slice(0, 3);

beforeAll(async () => {
  if (!stack.pooler) throw new Error('the test setup started no pgbouncer for worker (node)');
  fresh = await freshDatabase(stack);
  pooledUrl = fresh.url.replace(`127.0.0.1:${stack.postgresPort}`, stack.pooler);
  expect(pooledUrl).not.toBe(fresh.url);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(pools.map((p) => p.close().catch(() => {})));
  await fresh?.drop();
});

/** What the old lock did (a session advisory lock on a checked-out connection): did this holder "get" it? */
async function sessionLockAttempt(db: PoolDb): Promise<{ ok: boolean; pid: number; release: () => Promise<void> }> {
  const pool = (db as unknown as { $client: { connect(): Promise<PgClient> } }).$client;
  const client = await pool.connect();
  const res = await client.query('SELECT pg_try_advisory_lock(4607049, 1) AS ok, pg_backend_pid() AS pid');
  return {
    ok: res.rows[0]!.ok === true,
    pid: Number(res.rows[0]!.pid),
    release: async () => {
      await client.query('SELECT pg_advisory_unlock(4607049, 1)');
      client.release();
    },
  };
}
interface PgClient {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  release(): void;
}

describe('through pgbouncer in transaction mode', () => {
  it('a session advisory lock (the old ingestion lock) lets two holders in; straight to Postgres it does not', async () => {
    // Straight to Postgres: each client is a session of its own, so the second holder is refused.
    const [d1, d2] = [isolate(fresh.url), isolate(fresh.url)];
    const directA = await sessionLockAttempt(d1);
    const directB = await sessionLockAttempt(d2);
    expect([directA.ok, directB.ok]).toEqual([true, false]);
    await directA.release();
    await directB.release().catch(() => {});
    // Through the pooler each statement borrows whichever server connection is free: holder A's lock stays on the
    // server connection its one statement ran on, and holder B's statement runs on that same connection (its
    // session already holds the lock, so it is granted again). Both "hold" the source's lock at once.
    const [p1, p2] = [isolate(), isolate()];
    const pooledA = await sessionLockAttempt(p1);
    const pooledB = await sessionLockAttempt(p2);
    expect(pooledB.pid).toBe(pooledA.pid);
    expect([pooledA.ok, pooledB.ok]).toEqual([true, true]);
    await pooledA.release();
    await pooledB.release();
  });

  it('of two concurrent runs of one source, exactly one runs and the other is told it is busy', async () => {
    const [a, b] = [isolate(), isolate()];
    const outcomes = await Promise.allSettled([
      ingestFootballData({ ctx: pooledCtx(a), input: { files: E0(), waitForLock: false } }),
      ingestFootballData({ ctx: pooledCtx(b), input: { files: E0(), waitForLock: false } }),
    ]);
    const ran = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(IngestBusyError);
    expect((ran[0] as PromiseFulfilledResult<{ inserted: number; failedFiles: number }>).value).toMatchObject({ failedFiles: 0 });
    // Released at the end of the run: nobody holds the source now.
    expect(await ingestionLeaseOf(fresh.db, 'football-data')).toBeNull();
  });

  it('ten isolates racing for one lease: exactly one takes it, and again exactly one once it has expired', async () => {
    const leaseMs = 3000; // long enough for the second race to land while the first winner's lease is live
    const racers = Array.from({ length: 10 }, () => ({ db: isolate(), holder: crypto.randomUUID() }));
    const race = () => Promise.all(racers.map((r) => tryAcquireIngestionLease(r.db, 'odds-api', r.holder, leaseMs)));
    const first = await race();
    expect(first.filter(Boolean)).toHaveLength(1);
    expect((await ingestionLeaseOf(fresh.db, 'odds-api'))?.holder).toBe(racers[first.indexOf(true)]!.holder);
    // While it is live nobody else gets it; once expired, one (any) racer does.
    expect((await race()).filter(Boolean)).toHaveLength(0);
    const { expiresAt } = (await ingestionLeaseOf(fresh.db, 'odds-api'))!;
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now()) + 300));
    const second = await race();
    expect(second.filter(Boolean)).toHaveLength(1);
    expect((await ingestionLeaseOf(fresh.db, 'odds-api'))?.holder).toBe(racers[second.indexOf(true)]!.holder);
  });

  it('two waiting runs of one source run one after the other', async () => {
    const [a, b] = [isolate(), isolate()];
    await Promise.all([
      ingestFootballData({ ctx: pooledCtx(a), input: { files: E0() } }),
      ingestFootballData({ ctx: pooledCtx(b), input: { files: E0() } }),
    ]);
    const runs = (await listIngestionRuns({ ctx: ctxFor(fresh), input: { source: 'football-data', limit: 10 } }))
      .sort((x, y) => x.id - y.id)
      .slice(-2);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[0]!.finishedAt!.getTime());
  });

  it('a holder that dies without releasing: its lease runs out and the next run takes the source', async () => {
    const child = await holdInChild('football-data', 3000, 500);
    const dead = await ingestionLeaseOf(fresh.db, 'football-data');
    expect(dead?.live).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Dead but not yet expired: the source is still taken…
    await expect(acquireSourceLock(isolate(), 'football-data', { wait: false, timeoutMs: 0 })).rejects.toBeInstanceOf(IngestBusyError);
    // …until its lease runs out; a waiting run then takes it and ingests.
    const summary = await ingestFootballData({ ctx: pooledCtx(isolate()), input: { files: E0().slice(0, 1), lockTimeoutMs: 10_000 } });
    expect(summary.failedFiles).toBe(0);
    const runs = await listIngestionRuns({ ctx: ctxFor(fresh), input: { source: 'football-data', limit: 1 } });
    expect(runs[0]).toMatchObject({ id: summary.runId, status: 'succeeded' });
  });

  it('renewal keeps a long run’s lease far past its length; without renewal it is taken and the run learns it lost it', async () => {
    // Lengths with room for a loaded machine's round trips (a renewal must land within the lease).
    const leaseMs = 1500;
    const held = await acquireSourceLock(isolate(), 'nflverse-games', { wait: false, timeoutMs: 0, leaseMs, renewEveryMs: 300 });
    const first = (await ingestionLeaseOf(fresh.db, 'nflverse-games'))!;
    const contender = isolate();
    const until = Date.now() + 4 * leaseMs;
    let tries = 0;
    while (Date.now() < until) {
      await expect(acquireSourceLock(contender, 'nflverse-games', { wait: false, timeoutMs: 0 })).rejects.toBeInstanceOf(IngestBusyError);
      held.assertHeld();
      tries++;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(tries).toBeGreaterThanOrEqual(4);
    const later = (await ingestionLeaseOf(fresh.db, 'nflverse-games'))!;
    expect(later.holder).toBe(first.holder);
    expect(later.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime() + 2 * leaseMs);
    await held.release();
    expect(await ingestionLeaseOf(fresh.db, 'nflverse-games')).toBeNull();

    // The same lease renewed too late: it runs out, a contender takes it, and the first run's next renewal finds out.
    const slow = await acquireSourceLock(isolate(), 'nflverse-games', { wait: false, timeoutMs: 0, leaseMs, renewEveryMs: 2500 });
    await new Promise((r) => setTimeout(r, leaseMs + 200));
    const taker = await acquireSourceLock(contender, 'nflverse-games', { wait: false, timeoutMs: 0 });
    await vi.waitFor(() => expect(() => slow.assertHeld()).toThrow(/lease expired and another run took it/), { timeout: 5000 });
    // A late release never frees the new holder's lease.
    await slow.release();
    expect((await ingestionLeaseOf(fresh.db, 'nflverse-games'))?.live).toBe(true);
    await taker.release();
  });

  it('a run that cannot reach the database for a whole lease stops believing it holds the source', async () => {
    const { db, close } = createPoolDb({ url: pooledUrl, localProxy: stack.neonProxy, webSocketConstructor: ws });
    const held = await acquireSourceLock(db, 'nflverse-weekly', { wait: false, timeoutMs: 0, leaseMs: 1500, renewEveryMs: 300 });
    held.assertHeld();
    await close(); // every renewal fails from now on
    await vi.waitFor(() => expect(() => held.assertHeld()).toThrow(/could not be renewed for 1500 ms/), { timeout: 5000 });
    await held.release(); // cannot reach the database either: the lease runs out by itself…
    const next = await acquireSourceLock(isolate(), 'nflverse-weekly', { wait: true, timeoutMs: 5000 }); // …and is taken
    await next.release();
  });

  it('a run whose lease was lost to another run stops before its next file and records why', async () => {
    const leaseMs = 1000;
    const seen: string[] = [];
    let taker: HeldLock | undefined;
    const files = ['a', 'b', 'c'].map((name) => ({ name }));
    const takerDb = isolate();
    await ingestionLeaseOf(takerDb, 'nflverse-weekly'); // its connection open before the race starts
    const running = runSource(
      pooledCtx(isolate()),
      'nflverse-weekly',
      files,
      async (_tx, file) => {
        seen.push(file.name);
        // The first file outlasts the lease (no renewal before 2.5 s): another run takes the source at 1.2 s, and
        // this run's renewal at 2.5 s finds the lease gone.
        await new Promise((r) => setTimeout(r, leaseMs + 200));
        taker = await acquireSourceLock(takerDb, 'nflverse-weekly', { wait: false, timeoutMs: 0 });
        await new Promise((r) => setTimeout(r, 2200));
        return { counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 0 }, rejects: [] };
      },
      { concurrency: 1, waitForLock: false, lease: { leaseMs, renewEveryMs: 2500 } },
    );
    await expect(running).rejects.toThrow(/nflverse-weekly ingestion lease expired and another run took it/);
    expect(seen).toEqual(['a']);
    const [run] = await listIngestionRuns({ ctx: ctxFor(fresh), input: { source: 'nflverse-weekly', limit: 1 } });
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/lease expired/) });
    // The taker's lease is untouched by the stopped run's release.
    expect((await ingestionLeaseOf(fresh.db, 'nflverse-weekly'))?.live).toBe(true);
    await taker!.release();
  });

  it('the CLI ingests with DATABASE_URL pointing through the pooler', async () => {
    const saved = { url: process.env.DATABASE_URL, proxy: process.env.NEON_LOCAL_PROXY };
    process.env.DATABASE_URL = pooledUrl;
    process.env.NEON_LOCAL_PROXY = stack.neonProxy;
    const logs: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void logs.push(String(m)));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await run(['football-data', '--file', resolve(SHARED, 'soccer_football_data/E1/E1_2014-15.csv'), '--json'])).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.proxy === undefined) delete process.env.NEON_LOCAL_PROXY;
      else process.env.NEON_LOCAL_PROXY = saved.proxy;
    }
    const out = JSON.parse(logs.at(-1)!) as Record<string, number>;
    expect(out).toMatchObject({ files: 1, rejected: 0 });
    expect(out.inserted).toBeGreaterThan(552);
    const runs = await listIngestionRuns({ ctx: ctxFor(fresh), input: { source: 'football-data', limit: 1 } });
    expect(runs[0]).toMatchObject({ status: 'succeeded', inserted: out.inserted });
    expect(await ingestionLeaseOf(fresh.db, 'football-data')).toBeNull();
  });
});

/** Starts support/hold-lease.ts (a process that takes the lease through the pooler and hangs); resolves once held. */
async function holdInChild(source: string, leaseMs: number, renewEveryMs: number): Promise<ChildProcess> {
  const script = resolve(import.meta.dirname, 'support/hold-lease.ts');
  // tsx as a loader of this very node (not the tsx binary, which runs node as a child SIGKILL would orphan).
  const args = ['--import', 'tsx', script, pooledUrl, stack.neonProxy, source, String(leaseMs), String(renewEveryMs)];
  const root = resolve(import.meta.dirname, '../../../..');
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the holder did not take the lease: ${stderr}`)), 30_000);
    lines.on('line', (l) => {
      if (l === 'held') {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the holder exited (${code}): ${stderr}`));
    });
  });
  return child;
}
