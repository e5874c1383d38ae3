/**
 * One run per source at a time, through any connection pooler: the source's lease row (db
 * `tryAcquireIngestionLease`) is held for the whole run and renewed by a heartbeat, so two runs of one source never
 * interleave while runs of different sources proceed in parallel. A lease rather than a session advisory lock
 * because production reaches Postgres through Neon's transaction-mode pooler, where a "session" lock lands on
 * whichever server connection ran that one statement and protects nothing (worker/test/services/ingest/pooler.test.ts
 * shows it through pgbouncer).
 *
 * Timing: a lease lasts `LEASE_MS` (60 s) and a live run renews it every `RENEW_EVERY_MS` (15 s). A crashed run (an
 * isolate killed at its CPU limit, a CLI killed with SIGKILL) thus frees its source within a minute — well inside
 * the shortest cron period (5 min) and the default 10-minute wait — while a live run survives three renewals in a
 * row failing (e.g. three statement timeouts of the database) before its lease can run out.
 */
import { releaseIngestionLease, renewIngestionLease, tryAcquireIngestionLease, type PoolDb } from '@fairline/db';
import { IngestBusyError } from './types.ts';

/** How long a lease lasts without renewal. */
export const LEASE_MS = 60_000;
/** How often a live run renews its lease (a quarter of the lease: three missed renewals are survived). */
export const RENEW_EVERY_MS = 15_000;
/** How often a waiting run asks again. */
const POLL_MS = 250;

/** A held source lock; `release` gives it back, `assertHeld` throws once the lease was lost to another run. */
export interface HeldLock {
  release(): Promise<void>;
  assertHeld(): void;
}

/** How to take a lock; `leaseMs`/`renewEveryMs` exist so tests can watch a lease expire in a second, not a minute. */
export interface LockOptions {
  wait: boolean;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  leaseMs?: number;
  renewEveryMs?: number;
}

/**
 * Takes `source`'s ingestion lock, waiting up to `timeoutMs` for a running run when `wait` is set; throws
 * `IngestBusyError` when another run still holds it. The returned lock renews itself until released.
 */
export async function acquireSourceLock(db: PoolDb, source: string, opts: LockOptions): Promise<HeldLock> {
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const renewEveryMs = opts.renewEveryMs ?? RENEW_EVERY_MS;
  // A zero or negative lease would be refused by the table's CHECK, a zero interval would spin: say so plainly.
  if (!(leaseMs > 0 && renewEveryMs > 0)) throw new RangeError(`lease ${leaseMs} ms renewed every ${renewEveryMs} ms: both must be > 0`);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const holder = crypto.randomUUID();
  const deadline = Date.now() + opts.timeoutMs;
  while (!(await tryAcquireIngestionLease(db, source, holder, leaseMs))) {
    if (!opts.wait || Date.now() >= deadline) {
      throw new IngestBusyError(`another ${source} ingestion run is in progress (its lease is held)`);
    }
    await sleep(POLL_MS);
  }
  return heartbeat(db, source, holder, leaseMs, renewEveryMs);
}

/** The held lease and its renewal timer. */
function heartbeat(db: PoolDb, source: string, holder: string, leaseMs: number, renewEveryMs: number): HeldLock {
  let lost: string | null = null;
  // Local time the last successful renewal was sent: past it + leaseMs the lease may be gone even if the
  // database never said so (it was unreachable), and the run must not go on believing it holds it.
  let renewedAt = Date.now();
  let inFlight: Promise<void> | null = null;
  const renew = async () => {
    const sentAt = Date.now();
    try {
      if (await renewIngestionLease(db, source, holder, leaseMs)) renewedAt = sentAt;
      else lost = `the ${source} ingestion lease expired and another run took it`;
    } catch (err) {
      if (Date.now() - renewedAt >= leaseMs) {
        lost = `the ${source} ingestion lease could not be renewed for ${leaseMs} ms: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (lost) clearInterval(timer);
  };
  const timer = setInterval(() => {
    if (!inFlight) inFlight = renew().finally(() => (inFlight = null));
  }, renewEveryMs);
  // On Node a pending renewal must not keep a finished CLI alive (workerd's timers have no unref).
  (timer as unknown as { unref?: () => void }).unref?.();
  return {
    assertHeld() {
      if (lost) throw new IngestBusyError(lost);
    },
    async release() {
      clearInterval(timer);
      await inFlight;
      // A failed release leaves a lease that runs out by itself within leaseMs; nothing else to do.
      await releaseIngestionLease(db, source, holder).catch(() => false);
    },
  };
}
