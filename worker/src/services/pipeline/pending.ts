/**
 * What a producer enqueues after an odds poll: the fixtures with odds-API price changes above the push watermark. Read
 * from the database rather than from the poll's own result, so fixtures a crashed earlier tick committed but never
 * enqueued are included again until a consumer has published them.
 */
import { oddsFixturesSince, pushWatermark, type Sport } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { ODDS_API_SOURCE } from '../ingest/odds-api/ingest.ts';
import { ODDS_STREAM } from './watermark.ts';

/** Most fixtures a producer enqueues per tick (a poll touches a few hundred at most). */
export const MAX_PENDING_FIXTURES = 5000;

/** The fixtures (id, sport) whose odds changed after the odds stream's push watermark, by id. */
export async function pendingOddsFixtures({ ctx }: { ctx: Pick<Ctx, 'db'> }): Promise<{ id: number; sport: Sport }[]> {
  const since = await pushWatermark(ctx.db, ODDS_STREAM);
  return oddsFixturesSince(ctx.db, ODDS_API_SOURCE, since, MAX_PENDING_FIXTURES);
}
