/**
 * The colo-wide tier of the read cache: the Workers Cache API (`caches.default`), shared by every isolate of a data
 * centre, so a new isolate starts warm. Entries are superjson text (Dates survive) under a synthetic URL that
 * carries the generation token, with `max-age` = the entry's stale bound. Absent outside workerd (Node CLI and
 * tests): the tier is then skipped. Failures are swallowed — this tier only ever saves work.
 */
import superjson from 'superjson';
import type { CacheEntry } from './memory.ts';

/** The synthetic origin of cache keys (`.invalid` never resolves: nothing is ever fetched from it). */
const ORIGIN = 'https://read-cache.fairline.invalid';

const edge = (): Cache | null => (typeof caches !== 'undefined' && 'default' in caches ? (caches as unknown as { default: Cache }).default : null);

/** The cache URL of the entry `hash` (of procedure and input) under generation `gen`. */
export const edgeUrl = (hash: string, gen: string): string => `${ORIGIN}/v1/${encodeURIComponent(gen)}/${hash}`;

/** The entry at `url`, or null (absent, expired, unreadable, or no Cache API). */
export async function edgeGet(url: string): Promise<CacheEntry | null> {
  const c = edge();
  if (!c) return null;
  try {
    const res = await c.match(url);
    if (!res) return null;
    const { value, gen, storedAt } = superjson.parse<CacheEntry>(await res.text());
    return { value, gen, storedAt };
  } catch {
    return null;
  }
}

/** Stores `entry` at `url` for `maxAgeSeconds`. */
export async function edgePut(url: string, entry: CacheEntry, maxAgeSeconds: number): Promise<void> {
  const c = edge();
  if (!c) return;
  try {
    const body = superjson.stringify({ value: entry.value, gen: entry.gen, storedAt: entry.storedAt });
    await c.put(url, new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${Math.max(1, Math.ceil(maxAgeSeconds))}` } }));
  } catch {
    // best effort
  }
}
