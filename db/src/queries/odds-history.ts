/** The stored price history of a fixture's market (for odds-movement charts): every row, oldest first. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { bookmakers, oddsSnapshots, type Market } from '../schema/odds/index.ts';

/** One stored price of one book's selection (and line) at the time it was captured. */
export interface OddsHistoryRow {
  bookmaker: string;
  selection: string;
  line: number | null;
  /** Decimal odds. */
  price: number;
  capturedAt: Date;
}

/**
 * Every stored price of `market` for fixture `fixtureId` (player props left out: they have their own player and
 * prop), oldest first, at most `limit` rows (default 5,000). A price later corrected (a newer revision of the same
 * capture, the history being append-only) is left out: the chart shows the corrected one.
 */
export async function oddsHistory(db: Db, fixtureId: number, market: Market, limit = 5000): Promise<OddsHistoryRow[]> {
  return db
    .select({ bookmaker: bookmakers.key, selection: oddsSnapshots.selection, line: oddsSnapshots.line, price: oddsSnapshots.price, capturedAt: oddsSnapshots.capturedAt })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(and(eq(oddsSnapshots.fixtureId, fixtureId), eq(oddsSnapshots.market, market), isNull(oddsSnapshots.playerId), sql`NOT EXISTS (
      SELECT 1 FROM odds_snapshots n
      WHERE n.fixture_id = ${oddsSnapshots.fixtureId} AND n.bookmaker_id = ${oddsSnapshots.bookmakerId} AND n.market = ${oddsSnapshots.market}
        AND n.selection = ${oddsSnapshots.selection} AND n.line IS NOT DISTINCT FROM ${oddsSnapshots.line} AND n.player_id IS NULL
        AND n.prop IS NOT DISTINCT FROM ${oddsSnapshots.prop} AND n.closing = ${oddsSnapshots.closing}
        AND n.captured_at = ${oddsSnapshots.capturedAt} AND n.revision > ${oddsSnapshots.revision})`))
    .orderBy(asc(oddsSnapshots.capturedAt), asc(oddsSnapshots.id))
    .limit(limit);
}
