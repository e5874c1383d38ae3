/**
 * The push watermarks as verbs: where a live stream stands (what was already published to the rooms) and moving it on.
 * Kept in the database (push_watermarks) so the cron path and the queue consumer share one watermark and a crash
 * between an ingestion commit and its push loses nothing: whoever runs next reads from where the last publish ended.
 */
import { advancePushWatermark as advanceRow, pushWatermark } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { ODDS_API_SOURCE } from '../ingest/odds-api/ingest.ts';

/** The odds API's price changes (odds_snapshots ids of its source): the stream the rooms' `odds` events come from. */
export const ODDS_STREAM = `odds:${ODDS_API_SOURCE}`;

/** The id of the newest row of `stream` already published (0 when never pushed). */
export async function readPushWatermark({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { stream: string } }): Promise<number> {
  return pushWatermark(ctx.db, input.stream);
}

/**
 * Moves `stream` on to `lastId` — call only after the publish of everything up to it succeeded. Never moves back
 * (a slower run finishing later cannot re-open what a faster one pushed); returns where it stands afterwards.
 */
export async function advancePushWatermark({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { stream: string; lastId: number } }): Promise<number> {
  return advanceRow(ctx.db, input.stream, input.lastId);
}
