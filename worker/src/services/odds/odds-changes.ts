/**
 * Live price changes: the odds API's ingestion appends a row only when a price changes and its polls are
 * serialised by the source's lock, so the rows of a source above a watermark taken before a poll are exactly
 * the changes that poll made — what the polling job pushes to the rooms.
 */
import { latestOddsId, oddsChangesSince, type OddsChange } from '@fairline/db';
import type { Ctx } from '../../context.ts';

export type { OddsChange };

/** The newest odds row id of `source` (0 when none): the watermark to take before a poll. */
export async function oddsWatermark({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { source: string } }): Promise<number> {
  return latestOddsId(ctx.db, input.source);
}

/** Up to `limit` price changes of `source` after the watermark `sinceId`, oldest first; `truncated` when there were more. */
export async function oddsChangesAfter({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { source: string; sinceId: number; limit: number } }): Promise<{ changes: OddsChange[]; truncated: boolean }> {
  return oddsChangesSince(ctx.db, input.source, input.sinceId, input.limit);
}
