/**
 * Named session-level Postgres advisory locks, held on a connection of their own for as long as the caller
 * needs (the caller's transactions use other connections of the pool). Ingestion holds one per source for a
 * whole run, so two runs of one source never interleave while runs of different sources proceed in parallel.
 */
import type { PoolDb } from '../../client.ts';

interface PoolClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  release(err?: boolean): void;
  on(event: 'error', listener: (err: unknown) => void): unknown;
}
interface PoolLike {
  connect(): Promise<PoolClientLike>;
}

/** Stable 32-bit key of a lock name (FNV-1a 32-bit hash, as a signed int4). */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
/** First key of the two-key lock: our namespace ("FLI"), so our names cannot collide with other users' locks. */
const NAMESPACE = 0x46_4c_49;

/** A held advisory lock; `release` unlocks it and returns its connection. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Takes the advisory lock `name`. When another session holds it: returns null at once (`wait: false`), or polls
 * every 200 ms until `timeoutMs` has passed and then returns null.
 */
export async function acquireAdvisoryLock(
  db: PoolDb,
  name: string,
  opts: { wait: boolean; timeoutMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<HeldLock | null> {
  const pool = (db as unknown as { $client: PoolLike }).$client;
  const client = await pool.connect();
  // A checked-out client's lost connection is emitted as 'error'; unhandled, it would crash the process. The
  // lock dies with the connection, and the holder's own queries fail and report it.
  client.on('error', () => {});
  const key = lockKey(name);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + opts.timeoutMs;
  try {
    for (;;) {
      const res = await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [NAMESPACE, key]);
      if (res.rows[0]?.ok === true) break;
      if (!opts.wait || Date.now() >= deadline) {
        client.release();
        return null;
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
