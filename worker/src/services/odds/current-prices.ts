/**
 * Each book's CURRENT prices for one fixture and some markets. The feed appends a row only when a price
 * changes and marks the latest row of every price it still quotes as seen (`seen_at`); the current prices are
 * the rows seen at the book's latest update of that market (per player and prop for player props) — a line the
 * book withdrew or moved away from keeps its last price but not the latest sighting. (Rows without `seen_at`
 * count as seen when captured.) Player props and NFL game lines both read their quotes through here.
 */
import { bookmakers, oddsSnapshots, type Db, type Market } from '@fairline/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';

export async function currentPrices(db: Db, fixtureId: number, markets: readonly Market[]) {
  // DISTINCT ON keeps the newest row per book, selection and line in Postgres instead of the whole history.
  const latest = await db
    .selectDistinctOn([oddsSnapshots.market, oddsSnapshots.playerId, oddsSnapshots.prop, bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line], {
      id: oddsSnapshots.id,
      market: oddsSnapshots.market,
      playerId: oddsSnapshots.playerId,
      prop: oddsSnapshots.prop,
      bookmaker: bookmakers.key,
      selection: oddsSnapshots.selection,
      line: oddsSnapshots.line,
      price: oddsSnapshots.price,
      capturedAt: oddsSnapshots.capturedAt,
      seenAt: sql<Date>`coalesce(${oddsSnapshots.seenAt}, ${oddsSnapshots.capturedAt})`.mapWith(oddsSnapshots.capturedAt),
    })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(and(eq(oddsSnapshots.fixtureId, fixtureId), inArray(oddsSnapshots.market, [...markets])))
    .orderBy(
      oddsSnapshots.market, oddsSnapshots.playerId, oddsSnapshots.prop, bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line,
      desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id),
    );
  const lastSeen = new Map<string, number>();
  const key = (p: (typeof latest)[number]) => `${p.market}|${p.playerId}|${p.prop}|${p.bookmaker}`;
  for (const p of latest) lastSeen.set(key(p), Math.max(lastSeen.get(key(p)) ?? 0, p.seenAt.getTime()));
  return latest.filter((p) => p.seenAt.getTime() === lastSeen.get(key(p)));
}

export type CurrentPrice = Awaited<ReturnType<typeof currentPrices>>[number];
