import { bookmakers, oddsSnapshots, type Db } from '@fairline/db';
import { and, desc, eq } from 'drizzle-orm';

export interface BookPrice {
  bookmaker: string;
  selection: string;
  line: number | null;
  price: number;
  capturedAt: Date;
  closing: boolean;
}

/** The latest price per bookmaker, selection and line for one fixture and market. */
export async function latestPrices(db: Db, fixtureId: number, market: string): Promise<BookPrice[]> {
  // DISTINCT ON keeps one row per book/selection/line in Postgres instead of shipping the whole price history.
  return db
    .selectDistinctOn([bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line], {
      bookmaker: bookmakers.key,
      selection: oddsSnapshots.selection,
      line: oddsSnapshots.line,
      price: oddsSnapshots.price,
      capturedAt: oddsSnapshots.capturedAt,
      closing: oddsSnapshots.closing,
    })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(and(eq(oddsSnapshots.fixtureId, fixtureId), eq(oddsSnapshots.market, market as never)))
    .orderBy(bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line, desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id));
}
