// Fixture read queries shared by the API worker (tRPC) and the web app's server functions.
import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../client.ts';
import { FIXTURE_STATUSES, SPORTS } from '../schema/enums.ts';
import { competitions, fixtures, teams } from '../schema/sports/index.ts';

// Each field's rule in words, for every way it can be wrong (zod's defaults name types, not what to send).
const COMPETITION = '`competition` is a competition code of 1 to 32 characters';
const LIMIT = '`limit` is a whole number from 1 to 500';
const OFFSET = '`offset` is a whole number, 0 or more';
const TEAM = '`team` is 1 to 64 characters of a team name';

/**
 * The fixture list's filter, validated (zod): sport, competition code, kick-off window [`from`, `to`)
 * (ISO strings or dates, coerced), status, `team` (part of either team's name, any case), `order` of kick-off
 * (`asc`, the default, or `desc` for the latest first) and paging (`limit` 1–500, default 100; `offset` ≥ 0).
 * Rejects a window whose `from` is after its `to`.
 */
export const fixtureFilterSchema = z
  .object({
    sport: z.enum(SPORTS, { error: `\`sport\` must be one of ${SPORTS.join(', ')}` }).optional(),
    competition: z.string({ error: COMPETITION }).min(1, { error: COMPETITION }).max(32, { error: COMPETITION }).optional(),
    // Say which date and what a date looks like: zod's default for an unparseable one is "expected date, received Date".
    from: z.coerce.date({ error: '`from` is not a valid date (use ISO 8601, e.g. 2026-12-05 or 2026-12-05T18:00:00Z)' }).optional(),
    to: z.coerce.date({ error: '`to` is not a valid date (use ISO 8601, e.g. 2026-12-05 or 2026-12-05T18:00:00Z)' }).optional(),
    status: z.enum(FIXTURE_STATUSES, { error: `\`status\` must be one of ${FIXTURE_STATUSES.join(', ')}` }).optional(),
    // Trimmed first, so a search of spaces is an error rather than "every fixture".
    team: z.string({ error: TEAM }).trim().min(1, { error: TEAM }).max(64, { error: TEAM }).optional(),
    order: z.enum(['asc', 'desc'], { error: '`order` must be asc or desc' }).default('asc'),
    limit: z.number({ error: LIMIT }).int({ error: LIMIT }).min(1, { error: LIMIT }).max(500, { error: LIMIT }).default(100),
    offset: z.number({ error: OFFSET }).int({ error: OFFSET }).min(0, { error: OFFSET }).default(0),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '`from` must not be after `to`', path: ['from'] });
export type FixtureFilter = z.input<typeof fixtureFilterSchema>;

export interface FixtureRow {
  id: number;
  sport: (typeof SPORTS)[number];
  competition: string;
  competitionName: string;
  simulated: boolean;
  kickoffAt: Date;
  status: (typeof FIXTURE_STATUSES)[number];
  homeTeam: string;
  awayTeam: string;
  homeScore: number | null;
  awayScore: number | null;
  neutralVenue: boolean;
  week: number | null;
}

const home = alias(teams, 'home');
const away = alias(teams, 'away');

function selectFixtures(db: Db) {
  return db
    .select({
      id: fixtures.id,
      sport: fixtures.sport,
      competition: competitions.code,
      competitionName: competitions.name,
      simulated: competitions.simulated,
      kickoffAt: fixtures.kickoffAt,
      status: fixtures.status,
      homeTeam: home.name,
      awayTeam: away.name,
      homeScore: fixtures.homeScore,
      awayScore: fixtures.awayScore,
      neutralVenue: fixtures.neutralVenue,
      week: fixtures.week,
    })
    .from(fixtures)
    .innerJoin(competitions, eq(competitions.id, fixtures.competitionId))
    .innerJoin(home, eq(home.id, fixtures.homeTeamId))
    .innerJoin(away, eq(away.id, fixtures.awayTeamId));
}

/** `text` with LIKE's wildcards (and its escape character) escaped, so a search for `50%` means those characters. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Fixtures matching the filter, in kickoff order (earliest first unless `order` is `desc`). `to` is exclusive. */
export async function listFixtures(db: Db, filter: FixtureFilter = {}): Promise<FixtureRow[]> {
  const f = fixtureFilterSchema.parse(filter);
  const where: SQL[] = [];
  if (f.sport) where.push(eq(fixtures.sport, f.sport));
  if (f.competition) where.push(eq(competitions.code, f.competition));
  if (f.from) where.push(gte(fixtures.kickoffAt, f.from));
  if (f.to) where.push(lt(fixtures.kickoffAt, f.to));
  if (f.status) where.push(eq(fixtures.status, f.status));
  if (f.team) {
    const pattern = `%${likeEscape(f.team)}%`;
    where.push(or(ilike(home.name, pattern), ilike(away.name, pattern))!);
  }
  const by = f.order === 'desc' ? desc : asc;
  return selectFixtures(db)
    .where(where.length ? and(...where) : undefined)
    .orderBy(by(fixtures.kickoffAt), by(fixtures.id))
    .limit(f.limit)
    .offset(f.offset);
}

/** One fixture as the list shows it (teams and competition by name), or null when there is no such id. */
export async function fixtureById(db: Db, id: number): Promise<FixtureRow | null> {
  const rows = await selectFixtures(db).where(eq(fixtures.id, id)).limit(1);
  return rows[0] ?? null;
}

/** How many fixtures the database holds, across all sports and competitions (real and simulated). */
export async function countFixtures(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(fixtures);
  return rows[0]?.n ?? 0;
}

/** Whether a fixture with this id exists (one index probe): a `fixture:<id>` room opens only for a real fixture. */
export async function fixtureExists(db: Db, id: number): Promise<boolean> {
  const rows = await db.select({ id: fixtures.id }).from(fixtures).where(eq(fixtures.id, id)).limit(1);
  return rows.length > 0;
}

/** The ids a model prices a fixture by: sport, competition (id and code), teams, venue, kick-off and status. */
export interface FixtureKeys {
  id: number;
  sport: (typeof SPORTS)[number];
  competitionId: number;
  competition: string;
  homeTeamId: number;
  awayTeamId: number;
  neutralVenue: boolean;
  kickoffAt: Date;
  status: (typeof FIXTURE_STATUSES)[number];
}

/** One fixture's keys, or null when there is no such fixture. */
export async function fixtureKeys(db: Db, id: number): Promise<FixtureKeys | null> {
  const [row] = await db
    .select({
      id: fixtures.id, sport: fixtures.sport, competitionId: fixtures.competitionId, competition: competitions.code, homeTeamId: fixtures.homeTeamId,
      awayTeamId: fixtures.awayTeamId, neutralVenue: fixtures.neutralVenue, kickoffAt: fixtures.kickoffAt, status: fixtures.status,
    })
    .from(fixtures)
    .innerJoin(competitions, eq(competitions.id, fixtures.competitionId))
    .where(eq(fixtures.id, id))
    .limit(1);
  return row ?? null;
}

/** A fixture's live state, as the `fixture` room event carries it. */
export interface FixtureUpdate {
  id: number;
  sport: (typeof SPORTS)[number];
  status: (typeof FIXTURE_STATUSES)[number];
  homeScore: number | null;
  awayScore: number | null;
}

/** Fixtures whose row changed at or after `since` (scores, status, kick-off), at most `limit`, in no set order. */
export async function fixturesUpdatedSince(db: Db, since: Date, limit: number): Promise<FixtureUpdate[]> {
  return db
    .select({ id: fixtures.id, sport: fixtures.sport, status: fixtures.status, homeScore: fixtures.homeScore, awayScore: fixtures.awayScore })
    .from(fixtures)
    .where(gte(fixtures.updatedAt, since))
    .limit(limit);
}

/** A competition as a filter lists it: code, name, sport, and whether it is the simulated demo league. */
export interface CompetitionRow {
  code: string;
  name: string;
  sport: (typeof SPORTS)[number];
  simulated: boolean;
}

/** Every competition that has at least one fixture, by sport then name (what a fixture filter can offer). */
export async function competitionsWithFixtures(db: Db): Promise<CompetitionRow[]> {
  return db
    .select({ code: competitions.code, name: competitions.name, sport: competitions.sport, simulated: competitions.simulated })
    .from(competitions)
    .where(sql`exists (select 1 from ${fixtures} where ${fixtures.competitionId} = ${competitions.id})`)
    .orderBy(asc(competitions.sport), asc(competitions.name));
}
