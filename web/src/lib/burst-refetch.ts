import { onCleanup } from 'solid-js';

/**
 * Coalesces a burst of live events into one refetch: a polling tick pushes many price changes at once, so the
 * refetch runs a second after the last event of a burst — and at least every `maxWaitMs` while events keep
 * coming, so a steady stream cannot starve it. Call `poke()` for each relevant event; cleared on disposal.
 */
export function createBurstRefetch(refetch: () => unknown, { quietMs = 1000, maxWaitMs = 5000 } = {}): { poke(): void } {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let firstPending = 0;
  const flush = () => {
    clearTimeout(pending);
    pending = undefined;
    void refetch();
  };
  onCleanup(() => clearTimeout(pending));
  return {
    poke() {
      if (pending === undefined) firstPending = Date.now();
      clearTimeout(pending);
      pending = Date.now() - firstPending > maxWaitMs ? (flush(), undefined) : setTimeout(flush, quietMs);
    },
  };
}
