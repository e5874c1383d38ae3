/**
 * One run per source at a time: a session-level Postgres advisory lock held on a connection of its own for
 * the whole run (the per-file transactions use other connections of the pool). Two runs of one source can
 * therefore never interleave; runs of different sources proceed in parallel.
 */
import type { PoolDb } from '@fairline/db';
import { IngestBusyError } from './types.ts';

interface PoolClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  release(err?: boolean): void;
  on(event: 'error', listener: (err: unknown) => void): unknown;
}
interface PoolLike {
  connect(): Promise<PoolClientLike>;
}

/** Stable 32-bit key for the lock name (FNV-1a), namespaced by the first key so we don't collide with others. */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
const NAMESPACE = 0x46_4c_49; // "FLI"

export interface HeldLock {
  release(): Promise<void>;
}

export async function acquireSourceLock(
  db: PoolDb,
  source: string,
  opts: { wait: boolean; timeoutMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<HeldLock> {
  const pool = (db as unknown as { $client: PoolLike }).$client;
  const client = await pool.connect();
  // A checked-out client's lost connection is emitted as 'error'; unhandled, it would crash the process. The
  // lock dies with the connection, and the run's own queries fail and report it.
  client.on('error', () => {});
  const key = lockKey(`ingest:${source}`);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + opts.timeoutMs;
  try {
    for (;;) {
      const res = await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [NAMESPACE, key]);
      if (res.rows[0]?.ok === true) break;
      if (!opts.wait || Date.now() >= deadline) {
        throw new IngestBusyError(`another ${source} ingestion run is in progress (advisory lock held)`);
      }
      await sleep(200);
    }
  } catch (err) {
    client.release();
    throw err;
  }
  return {
    async release() {
      try {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [NAMESPACE, key]);
        client.release();
      } catch {
        // Dropping the connection releases a session lock too.
        client.release(true);
      }
    },
  };
}
