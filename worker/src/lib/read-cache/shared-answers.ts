/**
 * Answers the read cache hands to more than one request. They are treated as immutable (nothing downstream edits an
 * answer), which lets the wire transformer (trpc/transformer.ts) serialise each of them once.
 */
const shared = new WeakSet<object>();

/** Marks `value` as a cached answer served to many requests. */
export function markShared(value: unknown): void {
  if (value !== null && typeof value === 'object') shared.add(value);
}

/** Whether `value` is a cached answer (see markShared). */
export function isSharedAnswer(value: unknown): value is object {
  return value !== null && typeof value === 'object' && shared.has(value);
}
