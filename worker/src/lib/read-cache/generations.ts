/**
 * Cache generations: one token per scope (`all`, `soccer`, `nfl`) in Redis. Every cached public read is keyed by
 * the token of its scope, so invalidating is replacing a token — old entries are never looked up again and age out
 * on their own — and needs no list of keys to delete (the Cache API cannot delete by prefix).
 *
 * Tokens are random, not counters: a Redis that was flushed or replaced hands out new tokens, so an edge entry stored
 * under an old Redis can never be mistaken for a current one.
 *
 * Each isolate reads the tokens at most once per GENERATION_CHECK_MS (one MGET, shared by concurrent requests) — the
 * bound on how late another isolate's invalidation is seen. The isolate that invalidates sees its new tokens at once.
 * Under load the read is started ahead, in the background, once the tokens are REFRESH_AHEAD_MS old, so requests do
 * not queue behind a Redis round trip every half second (that queue was the cached reads' p99 in bench:api); an idle
 * isolate still awaits the read on its first request, so the bound holds either way.
 * When Redis cannot be read, the tokens last read are used while younger than MAX_TOKEN_AGE_MS (one slow answer
 * under load does not empty the cache), then the answer is null and callers serve uncached; after a failure the
 * isolate waits FAILURE_BACKOFF_MS before asking again, so an outage does not add a Redis timeout to every request.
 */
import { runInBackground } from '../background.ts';
import type { Cache } from '../cache.ts';

/** What a cached read is invalidated by: everything (`all`), or one sport's data. */
export const GENERATION_SCOPES = ['all', 'soccer', 'nfl'] as const;
export type GenerationScope = (typeof GENERATION_SCOPES)[number];
export type Generations = Readonly<Record<GenerationScope, string>>;

/** How stale an isolate's view of the tokens may be, in ms: the visibility bound of an invalidation elsewhere. */
export const GENERATION_CHECK_MS = 500;
/** Tokens this old are re-read in the background while still served (see the file comment), in ms. */
export const REFRESH_AHEAD_MS = 250;
/** After a failed read of the tokens, how long the isolate waits before asking Redis again, in ms. */
export const FAILURE_BACKOFF_MS = 1000;
/** The oldest tokens used when Redis cannot be read, in ms: the visibility bound of an invalidation while Redis fails. */
export const MAX_TOKEN_AGE_MS = 2000;

/** The Redis key of a scope's token. */
export const generationKey = (scope: GenerationScope): string => `fl:read-cache:gen:${scope}`;

interface State {
  gens: Generations | null;
  readAt: number;
  failedAt: number;
  reading: Promise<Generations | null> | null;
  /** Counts this isolate's own bumps: a read that started before one must not put the old tokens back. */
  bumps: number;
}

// One state per Redis client (runtime.ts keeps one client per isolate and configuration).
const states = new WeakMap<Cache, State>();
function stateOf(cache: Cache): State {
  let s = states.get(cache);
  if (!s) states.set(cache, (s = { gens: null, readAt: 0, failedAt: -Infinity, reading: null, bumps: 0 }));
  return s;
}

const newToken = (): string => crypto.randomUUID();

/**
 * The current tokens, at most GENERATION_CHECK_MS old; null when there is no cache tier or Redis cannot be read
 * (callers then serve uncached).
 */
export async function currentGenerations(cache: Cache | null, now: number = Date.now()): Promise<Generations | null> {
  if (!cache) return null;
  const s = stateOf(cache);
  const lastKnown = (at: number) => (s.gens && at - s.readAt < MAX_TOKEN_AGE_MS ? s.gens : null);
  if (s.gens && now - s.readAt < GENERATION_CHECK_MS) {
    if (now - s.readAt >= REFRESH_AHEAD_MS && !s.reading && now - s.failedAt >= FAILURE_BACKOFF_MS) {
      void runInBackground(startRead(cache, s, lastKnown), () => {});
    }
    return s.gens;
  }
  if (now - s.failedAt < FAILURE_BACKOFF_MS) return lastKnown(now);
  return startRead(cache, s, lastKnown);
}

/** The one read of the tokens in flight for this isolate (started if none is): requests share it. */
function startRead(cache: Cache, s: State, lastKnown: (at: number) => Generations | null): Promise<Generations | null> {
  const bumps = s.bumps;
  s.reading ??= readTokens(cache)
    .then((gens) => {
      if (s.bumps !== bumps) return s.gens; // this isolate bumped meanwhile: its own tokens are newer than this read
      s.gens = gens;
      s.readAt = Date.now();
      return gens;
    })
    .catch(() => {
      s.failedAt = Date.now();
      return lastKnown(s.failedAt);
    })
    .finally(() => {
      s.reading = null;
    });
  return s.reading;
}

async function readTokens(cache: Cache): Promise<Generations> {
  const keys = GENERATION_SCOPES.map(generationKey);
  let values = await cache.redis.mget<(string | null)[]>(...keys);
  if (values.some((v) => v === null)) {
    // First use of this Redis: give every missing scope a token (NX, so concurrent isolates agree), then re-read.
    const p = cache.redis.pipeline();
    GENERATION_SCOPES.forEach((scope, i) => {
      if (values[i] === null) p.set(generationKey(scope), newToken(), { nx: true });
    });
    await p.exec();
    values = await cache.redis.mget<(string | null)[]>(...keys);
  }
  const gens = {} as Record<GenerationScope, string>;
  GENERATION_SCOPES.forEach((scope, i) => {
    const v = values[i];
    if (v === null || v === undefined) throw new Error(`read cache: no generation for ${scope}`);
    gens[scope] = String(v);
  });
  return gens;
}

/**
 * Gives `scopes` new tokens (entries keyed by the old ones are never served again) and updates this isolate's view
 * at once. Throws when Redis fails: the caller decides whether a failed invalidation matters.
 */
export async function bumpGenerations(cache: Cache, scopes: readonly GenerationScope[]): Promise<void> {
  const unique = [...new Set(scopes)];
  if (unique.length === 0) return;
  const fresh = Object.fromEntries(unique.map((scope) => [scope, newToken()])) as Partial<Record<GenerationScope, string>>;
  const p = cache.redis.pipeline();
  for (const scope of unique) p.set(generationKey(scope), fresh[scope]!);
  await p.exec();
  const s = stateOf(cache);
  s.bumps++;
  // Another isolate may have bumped the other scopes meanwhile: only ours are known for sure, so re-read the rest soon.
  if (s.gens) s.gens = { ...s.gens, ...fresh };
}
