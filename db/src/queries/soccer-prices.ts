/**
 * Soccer reads for the GBDT variants (soccer_model, soccer_ensemble): a competition's finished results with the
 * reference book's last 1X2 quote before kick-off (the "pre-close" price an ensemble may use) and its closing quote
 * (benchmark only) and its shots on target, so training from the database sees what the football-data CSVs give the backtest.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { bookmakers, oddsSnapshots } from '../schema/odds/index.ts';
import { fixtures } from '../schema/sports/index.ts';
import { finishedBefore, resultColumns } from './soccer.ts';

/** A 1X2 quote in decimal odds. */
export interface OneXTwo {
  home: number;
  draw: number;
  away: number;
}

/** A finished match with its reference-book prices (null when the book did not quote all three outcomes). */
export interface SoccerPricedResult {
  fixtureId: number;
  homeTeamId: number;
  awayTeamId: number;
  homeGoals: number;
  awayGoals: number;
  kickoffAt: Date;
  neutral: boolean;
  /** Shots on target (football-data HST/AST); null when the source had none. */
  homeShotsOnTarget: number | null;
  awayShotsOnTarget: number | null;
  /** The book's newest non-closing 1X2 captured at or before kick-off. */
  preClose: OneXTwo | null;
  /** The book's closing 1X2. */
  closing: OneXTwo | null;
}

/**
 * Finished matches of a competition kicking off strictly before `before` and at most `windowDays` days earlier,
 * oldest first, each with `bookmaker`'s (default Pinnacle) pre-close and closing 1X2.
 */
export async function soccerResultsWithPrices(
  db: Db,
  competitionId: number,
  before: Date,
  windowDays: number,
  bookmaker = 'pinnacle',
): Promise<SoccerPricedResult[]> {
  const rows = await db
    .select({ fixtureId: fixtures.id, ...resultColumns })
    .from(fixtures)
    .where(finishedBefore(competitionId, before, windowDays))
    .orderBy(asc(fixtures.kickoffAt), asc(fixtures.id));
  const quotes = new Map<number, { pre: Partial<OneXTwo> & { at?: number }; close: Partial<OneXTwo> }>();
  const kickoff = new Map(rows.map((r) => [r.fixtureId, r.kickoffAt.getTime()]));
  const ids = rows.map((r) => r.fixtureId);
  // In chunks: a competition's window is a few thousand fixtures.
  for (let i = 0; i < ids.length; i += 1000) {
    const prices = await db
      .select({ fixtureId: oddsSnapshots.fixtureId, selection: oddsSnapshots.selection, price: oddsSnapshots.price, capturedAt: oddsSnapshots.capturedAt, closing: oddsSnapshots.closing })
      .from(oddsSnapshots)
      .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
      .where(and(inArray(oddsSnapshots.fixtureId, ids.slice(i, i + 1000)), eq(oddsSnapshots.market, '1x2'), eq(bookmakers.key, bookmaker)))
      .orderBy(asc(oddsSnapshots.capturedAt), asc(oddsSnapshots.id));
    for (const p of prices) {
      const q = quotes.get(p.fixtureId) ?? { pre: {}, close: {} };
      quotes.set(p.fixtureId, q);
      const sel = p.selection as keyof OneXTwo;
      if (sel !== 'home' && sel !== 'draw' && sel !== 'away') continue;
      if (p.closing) q.close[sel] = p.price;
      else if (p.capturedAt.getTime() <= kickoff.get(p.fixtureId)!) q.pre[sel] = p.price; // oldest first: the last wins
    }
  }
  const whole = (q: Partial<OneXTwo> | undefined): OneXTwo | null =>
    q && q.home !== undefined && q.draw !== undefined && q.away !== undefined ? { home: q.home, draw: q.draw, away: q.away } : null;
  return rows.map((r) => ({
    fixtureId: r.fixtureId,
    homeTeamId: r.homeTeamId,
    awayTeamId: r.awayTeamId,
    homeGoals: r.homeGoals!,
    awayGoals: r.awayGoals!,
    kickoffAt: r.kickoffAt,
    neutral: r.neutral,
    homeShotsOnTarget: r.homeShotsOnTarget,
    awayShotsOnTarget: r.awayShotsOnTarget,
    preClose: whole(quotes.get(r.fixtureId)?.pre),
    closing: whole(quotes.get(r.fixtureId)?.close),
  }));
}
