/**
 * Keeps a list's row objects the same from one computation to the next while a row has not changed, so Solid's
 * `<For>` (which keys rows by object identity) keeps their DOM and state — an open "Track this bet" dialog in a row
 * survives a refetch of the list (a live price burst, another of the page's queries arriving) instead of being torn
 * down with a row rebuilt from fresh data.
 */
export function stableRows<T>(keyOf: (row: T) => string, same: (previous: T, next: T) => boolean): (rows: readonly T[]) => T[] {
  let cache = new Map<string, T>();
  return (rows) => {
    const next = new Map<string, T>();
    const out = rows.map((row) => {
      const key = keyOf(row);
      const previous = cache.get(key);
      const kept = previous !== undefined && same(previous, row) ? previous : row;
      next.set(key, kept);
      return kept;
    });
    cache = next;
    return out;
  };
}

/** Equality by value for plain data (numbers, strings, dates, nested objects and arrays of them). */
export const sameData = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
