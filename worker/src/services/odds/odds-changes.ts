/**
 * New prices from one source since a watermark, for pushing live. The odds API's ingestion only ever appends
 * a row when a price changes (ingest/store/odds.ts, appendChangedOdds) and its polls are serialised by the
 * source's advisory lock, so the rows of source `odds-api` with an id above the one seen before a poll are
 * exactly the price changes that poll made. (Results files write through upserts and are never pushed.)
 */
import { bookmakers, fixtures, oddsSnapshots, type Db } from '@fairline/db';
import { and, asc, eq, gt, max } from 'drizzle-orm';

export interface OddsChange {
  id: number;
  fixtureId: number;
  sport: 'soccer' | 'nfl';
  market: string;
  selection: string;
  line: number | null;
  bookmaker: string;
  price: number;
  playerId: number | null;
  prop: string | null;
}

/** The newest odds row id of a source (0 when there are none): take it before a poll. */
export async function latestOddsId(db: Db, source: string): Promise<number> {
  const [r] = await db.select({ id: max(oddsSnapshots.id) }).from(oddsSnapshots).where(eq(oddsSnapshots.source, source));
  return Number(r?.id ?? 0);
}

/** Up to `limit` price changes of a source with an id above `sinceId`, oldest first; `truncated` when there were more. */
export async function oddsChangesSince(db: Db, source: string, sinceId: number, limit: number): Promise<{ changes: OddsChange[]; truncated: boolean }> {
  const rows = await db
    .select({
      id: oddsSnapshots.id,
      fixtureId: oddsSnapshots.fixtureId,
      sport: fixtures.sport,
      market: oddsSnapshots.market,
      selection: oddsSnapshots.selection,
      line: oddsSnapshots.line,
      bookmaker: bookmakers.key,
      price: oddsSnapshots.price,
      playerId: oddsSnapshots.playerId,
      prop: oddsSnapshots.prop,
    })
    .from(oddsSnapshots)
    .innerJoin(fixtures, eq(fixtures.id, oddsSnapshots.fixtureId))
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(and(eq(oddsSnapshots.source, source), gt(oddsSnapshots.id, sinceId)))
    .orderBy(asc(oddsSnapshots.id))
    .limit(limit + 1);
  return { changes: rows.slice(0, limit), truncated: rows.length > limit };
}
