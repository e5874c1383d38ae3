/**
 * Single-flight for expensive computations whose result is cached in Redis (model fits, score grids): however many
 * cold requests ask at once, the work is done once per isolate and — through a Redis lock — once across isolates.
 *
 * Per isolate, concurrent callers of one key share one promise. Across isolates: the result is looked up in Redis;
 * on a miss one caller takes the lock (`SET key NX PX lockMs`) and computes, stores the result and releases the lock;
 * the others poll the result every POLL_MS for up to `waitMs` and compute themselves only when it has not appeared
 * by then (a crashed or slow holder never blocks anyone for longer). Without Redis, or when Redis fails, the work is
 * simply done (per-isolate sharing still applies): the lock saves work, correctness never depends on it.
 */
import type { Cache } from '../cache.ts';
import type { Logger } from '../logger.ts';

/** How often a waiting caller looks for the holder's result, in ms. */
export const POLL_MS = 50;

/** One single-flight computation. */
export interface FlightInput<T> {
  /** The Redis key the result is cached under (the lock is `<key>:lock`). */
  key: string;
  /** How long the result stays in Redis, in seconds. */
  ttlSeconds: number;
  compute: () => Promise<T>;
  /** The lock's lifetime, in ms: longer than a computation normally takes (default 10 s). */
  lockMs?: number;
  /** How long a caller waits for another isolate's result before computing itself, in ms (default 5 s). */
  waitMs?: number;
}

/** A single-flight group: one per isolate in production (`singleFlight`); tests make more to play several isolates. */
export function createSingleFlight() {
  const inFlight = new Map<string, Promise<unknown>>();
  return function singleFlight<T>(ctx: { cache: Cache | null; logger: Pick<Logger, 'warn'> }, input: FlightInput<T>): Promise<T> {
    let p = inFlight.get(input.key) as Promise<T> | undefined;
    if (!p) {
      p = acrossIsolates(ctx, input).finally(() => inFlight.delete(input.key));
      inFlight.set(input.key, p);
    }
    return p;
  };
}

/** This isolate's single-flight group. */
export const singleFlight = createSingleFlight();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acrossIsolates<T>({ cache, logger }: { cache: Cache | null; logger: Pick<Logger, 'warn'> }, f: FlightInput<T>): Promise<T> {
  if (!cache) return f.compute();
  const lockKey = `${f.key}:lock`;
  const token = crypto.randomUUID();
  let locked = false;
  try {
    const hit = await cache.get<T>(f.key);
    if (hit !== null) return hit;
    locked = (await cache.redis.set(lockKey, token, { nx: true, px: f.lockMs ?? 10_000 })) === 'OK';
    if (!locked) {
      const until = Date.now() + (f.waitMs ?? 5_000);
      while (Date.now() < until) {
        await sleep(POLL_MS);
        const [value, holder] = await cache.redis.mget<[T | null, string | null]>(f.key, lockKey);
        if (value !== null) return value;
        if (holder === null) break; // the holder gave up without a result: compute ourselves
      }
    }
  } catch (err) {
    // Redis failed: compute uncoordinated.
    logger.warn('single-flight: redis unavailable, computing without the lock', { key: f.key, error: String(err) });
    return f.compute();
  }
  try {
    const value = await f.compute();
    await cache.set(f.key, value, f.ttlSeconds).catch((err: unknown) => logger.warn('single-flight: result not stored', { key: f.key, error: String(err) }));
    return value;
  } finally {
    if (locked) await releaseLock(cache, lockKey, token).catch(() => {});
  }
}

// Deletes the lock only while it is still ours (it may have expired and been taken by another isolate).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
async function releaseLock(cache: Cache, lockKey: string, token: string): Promise<void> {
  await cache.redis.eval(RELEASE, [lockKey], [token]);
}
