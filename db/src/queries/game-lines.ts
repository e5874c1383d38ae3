/**
 * NFL game-lines reads for the scheduled refit: finished games with the reference source's closing spread and
 * total (the nflverse schedule's lines, stored under a pseudo-book), and the newest such line row.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { bookmakers, oddsSnapshots } from '../schema/odds/index.ts';
import { fixtures, seasons } from '../schema/sports/index.ts';

/** A finished game with its closing lines: the HOME HANDICAP (−3 = home favoured by 3) and the total. */
export interface FinishedGameWithLines {
  season: string;
  homeScore: number | null;
  awayScore: number | null;
  homeHandicap: number;
  total: number;
  updatedAt: Date;
}

/** Finished NFL games with scores and the newest spread and total line of book `bookKey`. */
export async function finishedNflGamesWithLines(db: Db, bookKey: string): Promise<FinishedGameWithLines[]> {
  const line = (market: 'spread' | 'game_total', selection: 'home' | 'over') =>
    db
      // The newest row: nflverse stores every line of a game at its game day's 00:00, so a corrected line is a
      // later row (higher id) with the same capture time as the one it replaces.
      .select({ fixtureId: oddsSnapshots.fixtureId, line: sql<number>`(array_agg(${oddsSnapshots.line} ORDER BY ${oddsSnapshots.capturedAt} DESC, ${oddsSnapshots.id} DESC))[1]`.as(`${market}_line`) })
      .from(oddsSnapshots)
      .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
      .where(and(eq(bookmakers.key, bookKey), eq(oddsSnapshots.market, market), eq(oddsSnapshots.selection, selection)))
      .groupBy(oddsSnapshots.fixtureId)
      .as(`${market}_lines`);
  const spread = line('spread', 'home');
  const total = line('game_total', 'over');
  return db
    .select({
      season: seasons.label,
      homeScore: fixtures.homeScore,
      awayScore: fixtures.awayScore,
      homeHandicap: spread.line,
      total: total.line,
      updatedAt: fixtures.updatedAt,
    })
    .from(fixtures)
    .innerJoin(seasons, eq(seasons.id, fixtures.seasonId))
    .innerJoin(spread, eq(spread.fixtureId, fixtures.id))
    .innerJoin(total, eq(total.fixtureId, fixtures.id))
    .where(and(eq(fixtures.sport, 'nfl'), eq(fixtures.status, 'final')));
}

/** The newest odds row id of book `bookKey` (0 when none): a corrected line is a new row without a fixture update. */
export async function newestLineRowId(db: Db, bookKey: string): Promise<number> {
  const [r] = await db
    .select({ id: sql<number | null>`max(${oddsSnapshots.id})`.mapWith(Number) })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(eq(bookmakers.key, bookKey));
  return r?.id ?? 0;
}
