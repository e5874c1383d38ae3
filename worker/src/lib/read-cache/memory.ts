/**
 * The per-isolate tier of the read cache: a small LRU map of answers (the object itself, no serialisation), so a hot
 * read costs a map lookup. Bounded by entry count.
 */
import { LRUCache } from 'lru-cache';

/** One cached answer: the value, the generation token it was computed under, and when (epoch ms). */
export interface CacheEntry<T = unknown> {
  value: T;
  gen: string;
  storedAt: number;
  /** True while a background refresh of this entry runs (one per entry, not one per request). */
  refreshing?: boolean;
}

/** An LRU map of at most `max` entries (lru-cache: a hit counts as recent, the least recent goes first). */
export class MemoryTier {
  private readonly entries: LRUCache<string, CacheEntry>;
  constructor(max = 512) {
    this.entries = new LRUCache({ max });
  }

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    this.entries.set(key, entry);
  }

  /** Forgets everything (tests that simulate a fresh isolate). */
  clear(): void {
    this.entries.clear();
  }
}
