/**
 * New prices since a watermark, for pushing live: odds_snapshots only ever gains a row when a price changes
 * (ingestion appends changed prices only), and its bigserial id grows with every insert, so "rows with an id
 * above the one seen before a poll" are exactly the price changes that poll (or a concurrent writer) made.
 */
import { bookmakers, fixtures, oddsSnapshots, type Db } from '@fairline/db';
import { asc, eq, gt, max } from 'drizzle-orm';

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

/** The newest odds row id (0 when there are none): take it before a poll. */
export async function latestOddsId(db: Db): Promise<number> {
  const [r] = await db.select({ id: max(oddsSnapshots.id) }).from(oddsSnapshots);
  return Number(r?.id ?? 0);
}

/** Up to `limit` price changes with an id above `sinceId`, oldest first; `truncated` when there were more. */
export async function oddsChangesSince(db: Db, sinceId: number, limit: number): Promise<{ changes: OddsChange[]; truncated: boolean }> {
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
    .where(gt(oddsSnapshots.id, sinceId))
    .orderBy(asc(oddsSnapshots.id))
    .limit(limit + 1);
  return { changes: rows.slice(0, limit), truncated: rows.length > limit };
}
