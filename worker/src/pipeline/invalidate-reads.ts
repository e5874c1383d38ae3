/**
 * The pipeline's call site of the read caches' invalidation (issue 16 item 5, services/cache): after a batch's events
 * were published, the cached public reads of the changed fixtures and their sports are dropped, so a client that
 * refetches on the event reads the new prices. Best-effort: a cache failure never fails the batch (the caches expire).
 */
import type { Sport } from '@fairline/db';
import type { Ctx } from '../context.ts';

/**
 * Invalidates the read caches of `fixtureIds` (and the list reads of `sports`). Until services/cache/invalidate.ts
 * (`invalidateFixtures({ ctx, input: { fixtureIds, sports } })`, agreed in NOTES-S6) lands this does nothing: the
 * reads are then uncached or expire on their own.
 */
export async function invalidateChangedFixtureReads(ctx: Ctx, input: { fixtureIds: readonly number[]; sports: readonly Sport[] }): Promise<void> {
  void ctx;
  void input;
}
