/**
 * The per-isolate tier of the read cache: a small LRU map of answers (the object itself, no serialisation), so a hot
 * read costs a map lookup. Bounded by entry count; a Map keeps insertion order, and a hit is re-inserted to count as
 * recent.
 */

/** One cached answer: the value, the generation token it was computed under, and when (epoch ms). */
export interface CacheEntry<T = unknown> {
  value: T;
  gen: string;
  storedAt: number;
  /** True while a background refresh of this entry runs (one per entry, not one per request). */
  refreshing?: boolean;
}

/** An LRU map of at most `max` entries. */
export class MemoryTier {
  private readonly entries = new Map<string, CacheEntry>();
  constructor(private readonly max = 512) {}

  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, entry: CacheEntry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  /** Forgets everything (tests that simulate a fresh isolate). */
  clear(): void {
    this.entries.clear();
  }
}
