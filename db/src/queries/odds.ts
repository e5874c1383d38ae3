/**
 * Odds reads. The feed appends a row only when a price changes and records, in `odds_sightings`, the latest update
 * at which it still quoted each stored price, so a book's CURRENT prices are the rows seen at its latest update of
 * that market (per player and prop for player props): a line the book withdrew, or moved away from, keeps its last
 * price but not the latest sighting. A row without a sighting counts as seen when captured, so a results file's
 * prices, all captured together, are current together. `odds_snapshots` is append-only (a correction is a newer
 * row): every read here takes the newest row of a price (capture time, then id).
 */
import { and, asc, desc, eq, gt, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { Sport } from '../schema/enums.ts';
import { bookmakers, oddsSightings, oddsSnapshots, type Market } from '../schema/odds/index.ts';
import { fixtures } from '../schema/sports/fixtures.ts';

/** One book's current price of one selection (and line, player and prop) of a fixture. */
export interface CurrentPrice {
  id: number;
  market: Market;
  playerId: number | null;
  prop: string | null;
  /** The bookmaker's stable key ('pinnacle', 'draftkings', …). */
  bookmaker: string;
  selection: string;
  line: number | null;
  /** Decimal odds. */
  price: number;
  capturedAt: Date;
  /** Latest feed update at which the book still quoted it (capturedAt when the source has no sightings). */
  seenAt: Date;
  /** A closing price (results files mark them). */
  closing: boolean;
}

/**
 * Every book's current prices of one fixture in `markets` — for every sport: soccer 1X2, NFL props and game
 * lines all read their quotes here, so a withdrawn price is never quoted anywhere.
 */
export async function currentPrices(db: Db, fixtureId: number, markets: readonly Market[]): Promise<CurrentPrice[]> {
  // DISTINCT ON keeps the newest row per book, selection and line in Postgres instead of the whole history; only
  // those rows then look up their sighting (by primary key).
  const newest = db
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
      closing: oddsSnapshots.closing,
    })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(and(eq(oddsSnapshots.fixtureId, fixtureId), inArray(oddsSnapshots.market, [...markets])))
    .orderBy(
      oddsSnapshots.market, oddsSnapshots.playerId, oddsSnapshots.prop, bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line,
      desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id),
    )
    .as('newest');
  const latest: CurrentPrice[] = await db
    .select({
      id: newest.id,
      market: newest.market,
      playerId: newest.playerId,
      prop: newest.prop,
      bookmaker: newest.bookmaker,
      selection: newest.selection,
      line: newest.line,
      price: newest.price,
      capturedAt: newest.capturedAt,
      seenAt: sql<Date>`coalesce(${oddsSightings.seenAt}, ${newest.capturedAt})`.mapWith(oddsSnapshots.capturedAt),
      closing: newest.closing,
    })
    .from(newest)
    .leftJoin(oddsSightings, eq(oddsSightings.snapshotId, newest.id))
    .orderBy(newest.market, newest.playerId, newest.prop, newest.bookmaker, newest.selection, newest.line);
  // A book's latest sighting per market (and player and prop): its tracked prices not seen then were withdrawn.
  const lastSeen = new Map<string, number>();
  const key = (p: CurrentPrice) => `${p.market}|${p.playerId}|${p.prop}|${p.bookmaker}`;
  for (const p of latest) lastSeen.set(key(p), Math.max(lastSeen.get(key(p)) ?? 0, p.seenAt.getTime()));
  return latest.filter((p) => p.seenAt.getTime() === lastSeen.get(key(p)));
}

/** A price change to push live. */
export interface OddsChange {
  id: number;
  fixtureId: number;
  sport: Sport;
  market: string;
  selection: string;
  line: number | null;
  bookmaker: string;
  price: number;
  playerId: number | null;
  prop: string | null;
}

/** The newest odds row id of a source (0 when there are none): taken before a poll, it marks what the poll adds. */
export async function latestOddsId(db: Db, source: string): Promise<number> {
  const [r] = await db.select({ id: max(oddsSnapshots.id) }).from(oddsSnapshots).where(eq(oddsSnapshots.source, source));
  return Number(r?.id ?? 0);
}

/**
 * Up to `limit` rows of a source with an id above `sinceId`, oldest first; `truncated` when there were more. The
 * odds API's ingestion appends a row only when a price changes and its polls are serialised by the source's
 * lock, so these are exactly the price changes the polls since the watermark made.
 */
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
