/**
 * The event pipeline's queue messages: "these fixtures changed" after an ingestion commit. Validated with zod at both
 * ends (the producer builds them, the consumer trusts nothing it receives); `v` versions the shape so a consumer can
 * tell an old message from a malformed one after a deploy.
 */
import { z } from 'zod';

/** The queue ingestion commits enqueue their changed fixtures on (wrangler.toml, binding FIXTURE_CHANGES). */
export const FIXTURE_CHANGES_QUEUE = 'fairline-fixture-changes';
/** Where a message lands after max_retries failed deliveries (wrangler.toml `dead_letter_queue`). */
export const FIXTURE_CHANGES_DLQ = 'fairline-fixture-changes-dlq';

/**
 * What committed the change: `odds` (a poll's price changes), `results` (scores and status from the daily files),
 * `predictions` (the hourly soccer refresh's stored predictions).
 */
export const CHANGE_CAUSES = ['odds', 'results', 'predictions'] as const;
/** One of CHANGE_CAUSES. */
export type ChangeCause = (typeof CHANGE_CAUSES)[number];

/** Most fixture ids in one message (a message stays far under the queue's 128 KB limit). */
export const MAX_IDS_PER_MESSAGE = 100;

/** A fixture-changes message, version 1: the cause, the fixture ids, and when the commit happened (for lag). */
export const fixtureChangesMessage = z.object({
  v: z.literal(1),
  cause: z.enum(CHANGE_CAUSES),
  fixtureIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(MAX_IDS_PER_MESSAGE),
  committedAt: z.iso.datetime(),
});
/** A validated fixture-changes message body. */
export type FixtureChangesMessage = z.infer<typeof fixtureChangesMessage>;

/** Messages of `cause` for `fixtureIds` (deduplicated), MAX_IDS_PER_MESSAGE ids each; none for no ids. */
export function fixtureChangesMessages(cause: ChangeCause, fixtureIds: readonly number[], committedAt: Date): FixtureChangesMessage[] {
  const ids = [...new Set(fixtureIds)].sort((a, b) => a - b);
  const out: FixtureChangesMessage[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_MESSAGE) {
    out.push(fixtureChangesMessage.parse({ v: 1, cause, fixtureIds: ids.slice(i, i + MAX_IDS_PER_MESSAGE), committedAt: committedAt.toISOString() }));
  }
  return out;
}
