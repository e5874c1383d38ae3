/**
 * Live price changes: the odds API's ingestion appends a row only when a price changes and its polls are
 * serialised by the source's lock, so the rows of a source above a push watermark (services/pipeline/watermark.ts,
 * kept in the database) are exactly the changes made since the last push — what the event pipeline publishes.
 */
import { oddsChangesSince, type OddsChange } from '@fairline/db';
import type { Ctx } from '../../context.ts';

export type { OddsChange };

/** Up to `limit` price changes of `source` after the watermark `sinceId`, oldest first; `truncated` when there were more. */
export async function oddsChangesAfter({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { source: string; sinceId: number; limit: number } }): Promise<{ changes: OddsChange[]; truncated: boolean }> {
  return oddsChangesSince(ctx.db, input.source, input.sinceId, input.limit);
}
