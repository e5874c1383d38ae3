/**
 * Read-through caching of public answers, with stale-while-revalidate:
 *
 * 1. the scope's generation token (generations.ts; no Redis → serve uncached);
 * 2. this isolate's memory (memory.ts), then the colo's Cache API (edge.ts), under that token;
 * 3. an entry younger than `freshMs` is served; one younger than `staleMs` is served and refreshed in the background
 *    (one refresh per entry at a time); anything else — none, older, or under an old token — is computed now, once
 *    per isolate however many requests ask at the same moment (they share one promise).
 *
 * Freshness, stated: an answer is at most `staleMs` old; after an invalidation (a new token) no answer computed
 * before it is served by an isolate that has read the new token — at most GENERATION_CHECK_MS later, at once in
 * the isolate that invalidated. Errors are never cached. Only answers that are the same for every caller may go
 * through here (the tRPC wrapper, trpc/cached-query.ts, serves it only to callers that passed the procedure's
 * access checks).
 */
import type { Cache } from '../cache.ts';
import type { Logger } from '../logger.ts';
import { runInBackground } from '../background.ts';
import { canonicalInput, sha256Hex } from './canonical.ts';
import { edgeGet, edgePut, edgeUrl } from './edge.ts';
import { currentGenerations, type GenerationScope } from './generations.ts';
import { MemoryTier, type CacheEntry } from './memory.ts';
import { markShared } from './shared-answers.ts';

/** How a read may be cached: the scope that invalidates it and its freshness bounds (ms). */
export interface ReadPolicy {
  scope: GenerationScope;
  /** Served as is while younger than this. */
  freshMs?: number;
  /** Served (and refreshed in the background) while younger than this; never older. */
  staleMs?: number;
}

/** Default freshness: 10 s served as is, up to 60 s served while a refresh runs. */
export const DEFAULT_FRESH_MS = 10_000;
export const DEFAULT_STALE_MS = 60_000;

/** What one cached read needs. */
export interface ReadThroughInput<T> {
  cache: Cache | null;
  logger: Pick<Logger, 'warn'>;
  /** The procedure's name (part of the key). */
  procedure: string;
  /** The procedure's parsed input (canonicalised into the key). */
  input: unknown;
  policy: ReadPolicy;
  compute: () => Promise<T>;
  /** The clock, epoch ms (tests). */
  now?: () => number;
  /** Told which entry (its generation and when it was computed) the answer comes from. */
  onServed?: (entry: Pick<CacheEntry, 'gen' | 'storedAt'>) => void;
}

/** This isolate's tier and the computations in flight (key → promise), shared by every request of the isolate. */
export const memory = new MemoryTier();
const inFlight = new Map<string, Promise<CacheEntry>>();

/** The answer of `compute` for this procedure and input, served from the cache when allowed (see the file comment). */
export async function readThrough<T>(r: ReadThroughInput<T>): Promise<T> {
  const gens = await currentGenerations(r.cache);
  if (!gens) return r.compute();
  const now = r.now ?? Date.now;
  const gen = gens[r.policy.scope];
  const freshMs = r.policy.freshMs ?? DEFAULT_FRESH_MS;
  const staleMs = r.policy.staleMs ?? DEFAULT_STALE_MS;
  const key = `${r.procedure}\n${canonicalInput(r.input)}`;

  const served = (e: CacheEntry): T => {
    if (now() - e.storedAt >= freshMs && !e.refreshing) {
      e.refreshing = true;
      void runInBackground(
        compute(r, key, gen, staleMs, now).finally(() => {
          e.refreshing = false;
        }),
        (err) => r.logger.warn('read cache: background refresh failed', { procedure: r.procedure, error: String(err) }),
      );
    }
    r.onServed?.(e);
    return e.value as T;
  };
  const usable = (e: CacheEntry | null | undefined): e is CacheEntry => !!e && e.gen === gen && now() - e.storedAt < staleMs;

  const mem = memory.get(key);
  if (usable(mem)) return served(mem);
  const fromEdge = await edgeGet(edgeUrl(await sha256Hex(key), gen));
  if (usable(fromEdge)) {
    markShared(fromEdge.value);
    memory.set(key, fromEdge);
    return served(fromEdge);
  }
  const computed = await compute(r, key, gen, staleMs, now);
  r.onServed?.(computed);
  return computed.value as T;
}

/** Computes and stores one entry; concurrent calls for the same key and generation share one computation. */
function compute<T>(r: ReadThroughInput<T>, key: string, gen: string, staleMs: number, now: () => number): Promise<CacheEntry> {
  const flightKey = `${gen}\n${key}`;
  let flight = inFlight.get(flightKey);
  if (!flight) {
    flight = (async () => {
      const value = await r.compute();
      markShared(value);
      const entry: CacheEntry = { value, gen, storedAt: now() };
      // Stored unless a newer token was seen meanwhile (an invalidation during the computation: it may predate it).
      const latest = await currentGenerations(r.cache);
      if (latest && latest[r.policy.scope] === gen) {
        memory.set(key, entry);
        void runInBackground(
          sha256Hex(key).then((hash) => edgePut(edgeUrl(hash, gen), entry, staleMs / 1000)),
          () => {},
        );
      }
      return entry;
    })().finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
  }
  return flight;
}
