import { fixtures, type Db } from '@fairline/db';
import type { soccer } from '@fairline/ml';
import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';

const DAY_MS = 86_400_000;

/**
 * Finished matches of a competition strictly before `before`, within `windowDays`, as the Dixon–Coles fit
 * wants them (team ids as names, day = days since epoch). Strictly-before keeps a prediction free of leakage
 * even when it is asked for after the match.
 */
export async function soccerHistory(
  db: Db,
  competitionId: number,
  before: Date,
  windowDays: number,
): Promise<soccer.SoccerMatch[]> {
  const rows = await db
    .select({
      home: fixtures.homeTeamId,
      away: fixtures.awayTeamId,
      homeGoals: fixtures.homeScore,
      awayGoals: fixtures.awayScore,
      kickoffAt: fixtures.kickoffAt,
      neutral: fixtures.neutralVenue,
    })
    .from(fixtures)
    .where(
      and(
        eq(fixtures.competitionId, competitionId),
        eq(fixtures.status, 'final'),
        isNotNull(fixtures.homeScore),
        isNotNull(fixtures.awayScore),
        lt(fixtures.kickoffAt, before),
        gte(fixtures.kickoffAt, new Date(before.getTime() - windowDays * DAY_MS)),
      ),
    );
  return rows.map((r) => ({
    home: String(r.home),
    away: String(r.away),
    homeGoals: r.homeGoals!,
    awayGoals: r.awayGoals!,
    day: Math.floor(r.kickoffAt.getTime() / DAY_MS),
    neutral: r.neutral,
  }));
}

export function dayOf(d: Date): number {
  return Math.floor(d.getTime() / DAY_MS);
}
