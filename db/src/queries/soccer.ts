/**
 * Soccer reads for the Dixon–Coles model: a competition's finished results (what a fit sees), the stamp that
 * says whether they changed, and the upcoming fixtures to predict.
 */
import { and, asc, count, eq, gte, isNotNull, lt, max } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { competitions, fixtures } from '../schema/sports/index.ts';

const DAY_MS = 86_400_000;

/** A finished match as the model reads it: team ids, goals, kick-off, neutral venue, shots on target when stored. */
export interface SoccerResultRow {
  homeTeamId: number;
  awayTeamId: number;
  homeGoals: number;
  awayGoals: number;
  kickoffAt: Date;
  neutral: boolean;
  /** Null when the source had no shots (ml's shots-on-target model then skips the match, as with the CSVs). */
  homeShotsOnTarget: number | null;
  awayShotsOnTarget: number | null;
}

/** The columns of a finished match a soccer model learns from (goals, venue, shots on target). */
export const resultColumns = {
  homeTeamId: fixtures.homeTeamId,
  awayTeamId: fixtures.awayTeamId,
  homeGoals: fixtures.homeScore,
  awayGoals: fixtures.awayScore,
  kickoffAt: fixtures.kickoffAt,
  neutral: fixtures.neutralVenue,
  homeShotsOnTarget: fixtures.homeShotsOnTarget,
  awayShotsOnTarget: fixtures.awayShotsOnTarget,
};

/** Finished, scored matches of a competition kicking off strictly before `before`, at most `windowDays` days earlier. */
export function finishedBefore(competitionId: number, before: Date, windowDays: number) {
  return and(
    eq(fixtures.competitionId, competitionId),
    eq(fixtures.status, 'final'),
    isNotNull(fixtures.homeScore),
    isNotNull(fixtures.awayScore),
    lt(fixtures.kickoffAt, before),
    gte(fixtures.kickoffAt, new Date(before.getTime() - windowDays * DAY_MS)),
  );
}

/**
 * Finished matches of a competition kicking off strictly before `before` and at most `windowDays` days earlier.
 * Strictly-before keeps a prediction free of leakage even when it is asked for after the match.
 */
export async function soccerResultsBefore(db: Db, competitionId: number, before: Date, windowDays: number): Promise<SoccerResultRow[]> {
  const rows = await db.select(resultColumns).from(fixtures).where(finishedBefore(competitionId, before, windowDays));
  return rows.map((r) => ({ ...r, homeGoals: r.homeGoals!, awayGoals: r.awayGoals! }));
}

/**
 * What a competition's results look like before `before`: how many finished matches and their latest update.
 * Two equal stamps mean the same data, so a model fitted on it need not be fitted again.
 */
export async function soccerResultsStamp(db: Db, competitionId: number, before: Date): Promise<string> {
  const [s] = await db
    .select({ n: count(), at: max(fixtures.updatedAt) })
    .from(fixtures)
    .where(and(eq(fixtures.competitionId, competitionId), eq(fixtures.status, 'final'), lt(fixtures.kickoffAt, before)));
  return `${s?.n ?? 0}@${s?.at?.toISOString() ?? ''}`;
}

/** A scheduled soccer fixture to predict, with its competition's code (the model's scope). */
export interface UpcomingSoccerFixture {
  id: number;
  competitionId: number;
  code: string;
  homeTeamId: number;
  awayTeamId: number;
  neutral: boolean;
  kickoffAt: Date;
}

/** Scheduled soccer fixtures kicking off in [from, until), in kick-off order. */
export async function upcomingSoccerFixtures(db: Db, from: Date, until: Date): Promise<UpcomingSoccerFixture[]> {
  return db
    .select({
      id: fixtures.id, competitionId: fixtures.competitionId, code: competitions.code, homeTeamId: fixtures.homeTeamId, awayTeamId: fixtures.awayTeamId,
      neutral: fixtures.neutralVenue, kickoffAt: fixtures.kickoffAt,
    })
    .from(fixtures)
    .innerJoin(competitions, eq(competitions.id, fixtures.competitionId))
    .where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled'), gte(fixtures.kickoffAt, from), lt(fixtures.kickoffAt, until)))
    .orderBy(asc(fixtures.kickoffAt));
}

/** A soccer competition and how many finished matches it has before the time asked about (what retraining loops over). */
export interface SoccerCompetitionResults {
  id: number;
  code: string;
  finished: number;
}

/** Every soccer competition with at least `minFinished` finished matches kicking off before `before`, by code. */
export async function soccerCompetitionsWithResults(db: Db, before: Date, minFinished: number): Promise<SoccerCompetitionResults[]> {
  const rows = await db
    .select({ id: competitions.id, code: competitions.code, finished: count(fixtures.id) })
    .from(competitions)
    .innerJoin(fixtures, and(eq(fixtures.competitionId, competitions.id), eq(fixtures.status, 'final'), lt(fixtures.kickoffAt, before)))
    .where(eq(competitions.sport, 'soccer'))
    .groupBy(competitions.id, competitions.code)
    .orderBy(asc(competitions.code));
  return rows.filter((r) => r.finished >= minFinished);
}
