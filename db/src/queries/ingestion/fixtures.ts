/**
 * Fixture writes and look-ups of ingestion. The upsert is keyed by `fixtures.natural_key`: a conflicting row is
 * rewritten only when one of its columns actually differs (`IS DISTINCT FROM`), so re-ingesting the same file
 * touches nothing; `xmax = 0` on the returned rows tells a fresh insert from an update, and rows not returned
 * were unchanged.
 */
import { sql } from 'drizzle-orm';
import type { FixtureStatus, Sport } from '../../schema/enums.ts';
import { rows, unnest, zeroWriteCounts, type Tx, type WriteCounts } from '../sql.ts';

/** A normalised fixture as every adapter produces it (validated by the ingestion service before it is written). */
export interface FixtureRecord {
  naturalKey: string;
  competitionId: number;
  seasonId: number;
  homeTeamId: number;
  awayTeamId: number;
  /** ISO instant. */
  kickoffAt: string;
  status: FixtureStatus;
  neutralVenue: boolean;
  week: number | null;
  homeScore: number | null;
  awayScore: number | null;
  homeScoreHt: number | null;
  awayScoreHt: number | null;
  /** Soccer shots on target, when the source has them (absent = null: a source without them stores none). */
  homeShotsOnTarget?: number | null;
  awayShotsOnTarget?: number | null;
}

/** Upserts the fixtures (natural keys must be unique within `recs`); returns natural key → id and counts. */
export async function upsertFixtures(
  tx: Tx,
  sport: Sport,
  recs: readonly FixtureRecord[],
): Promise<{ ids: Map<string, number>; counts: WriteCounts }> {
  const counts = zeroWriteCounts();
  const ids = new Map<string, number>();
  if (recs.length === 0) return { ids, counts };
  const v = unnest('v', [
    ['natural_key', 'text', recs.map((r) => r.naturalKey)],
    ['competition_id', 'int4', recs.map((r) => r.competitionId)],
    ['season_id', 'int4', recs.map((r) => r.seasonId)],
    ['home_team_id', 'int4', recs.map((r) => r.homeTeamId)],
    ['away_team_id', 'int4', recs.map((r) => r.awayTeamId)],
    ['kickoff_at', 'timestamptz', recs.map((r) => r.kickoffAt)],
    ['status', 'text', recs.map((r) => r.status)],
    ['neutral_venue', 'bool', recs.map((r) => r.neutralVenue)],
    ['week', 'int4', recs.map((r) => r.week)],
    ['home_score', 'int4', recs.map((r) => r.homeScore)],
    ['away_score', 'int4', recs.map((r) => r.awayScore)],
    ['home_score_ht', 'int4', recs.map((r) => r.homeScoreHt)],
    ['away_score_ht', 'int4', recs.map((r) => r.awayScoreHt)],
    ['home_sot', 'int4', recs.map((r) => r.homeShotsOnTarget ?? null)],
    ['away_sot', 'int4', recs.map((r) => r.awayShotsOnTarget ?? null)],
  ]);
  const out = await rows<{ natural_key: string; id: number; inserted: boolean | null }>(
    tx,
    sql`
    WITH v AS (SELECT * FROM ${v}),
    up AS (
      INSERT INTO fixtures AS f (sport, natural_key, competition_id, season_id, home_team_id, away_team_id, kickoff_at,
        status, neutral_venue, week, home_score, away_score, home_score_ht, away_score_ht, home_shots_on_target,
        away_shots_on_target)
      SELECT ${sport}::sport, natural_key, competition_id, season_id, home_team_id, away_team_id, kickoff_at,
        status::fixture_status, neutral_venue, week, home_score, away_score, home_score_ht, away_score_ht, home_sot,
        away_sot FROM v
      -- Rows stored exactly as given are left out before ON CONFLICT, which would lock (write) them.
      WHERE NOT EXISTS (
        SELECT 1 FROM fixtures x WHERE x.natural_key = v.natural_key
          AND (x.competition_id, x.season_id, x.home_team_id, x.away_team_id, x.kickoff_at, x.status, x.neutral_venue,
               x.week, x.home_score, x.away_score, x.home_score_ht, x.away_score_ht, x.home_shots_on_target,
               x.away_shots_on_target)
          IS NOT DISTINCT FROM
              (v.competition_id, v.season_id, v.home_team_id, v.away_team_id, v.kickoff_at, v.status::fixture_status,
               v.neutral_venue, v.week, v.home_score, v.away_score, v.home_score_ht, v.away_score_ht, v.home_sot,
               v.away_sot))
      ON CONFLICT (natural_key) DO UPDATE SET
        competition_id = excluded.competition_id, season_id = excluded.season_id,
        home_team_id = excluded.home_team_id, away_team_id = excluded.away_team_id, kickoff_at = excluded.kickoff_at,
        status = excluded.status, neutral_venue = excluded.neutral_venue, week = excluded.week,
        home_score = excluded.home_score, away_score = excluded.away_score,
        home_score_ht = excluded.home_score_ht, away_score_ht = excluded.away_score_ht,
        home_shots_on_target = excluded.home_shots_on_target, away_shots_on_target = excluded.away_shots_on_target,
        updated_at = now()
      WHERE (f.competition_id, f.season_id, f.home_team_id, f.away_team_id, f.kickoff_at, f.status, f.neutral_venue,
             f.week, f.home_score, f.away_score, f.home_score_ht, f.away_score_ht, f.home_shots_on_target,
             f.away_shots_on_target)
        IS DISTINCT FROM
            (excluded.competition_id, excluded.season_id, excluded.home_team_id, excluded.away_team_id,
             excluded.kickoff_at, excluded.status, excluded.neutral_venue, excluded.week, excluded.home_score,
             excluded.away_score, excluded.home_score_ht, excluded.away_score_ht, excluded.home_shots_on_target,
             excluded.away_shots_on_target)
      RETURNING f.id, f.natural_key, (f.xmax = 0) AS inserted
    )
    SELECT v.natural_key, coalesce(up.id, old.id) AS id, up.inserted
    FROM v LEFT JOIN up ON up.natural_key = v.natural_key LEFT JOIN fixtures old ON old.natural_key = v.natural_key`,
  );
  for (const r of out) {
    ids.set(r.natural_key, Number(r.id));
    if (r.inserted === true) counts.inserted++;
    else if (r.inserted === false) counts.updated++;
    else counts.unchanged++;
  }
  return { ids, counts };
}

/**
 * The fixture of `competitionCode` between these two teams kicking off nearest to `commence` (an ISO instant),
 * within 36 hours either side; null when there is none. How an odds feed's event finds its scheduled game.
 */
export async function fixtureNearKickoff(
  tx: Tx,
  competitionCode: string,
  homeTeamId: number,
  awayTeamId: number,
  commence: string,
): Promise<number | null> {
  const [found] = await rows<{ id: number }>(
    tx,
    sql`SELECT f.id FROM fixtures f JOIN competitions c ON c.id = f.competition_id
        WHERE c.code = ${competitionCode} AND f.home_team_id = ${homeTeamId} AND f.away_team_id = ${awayTeamId}
          AND f.kickoff_at BETWEEN ${commence}::timestamptz - interval '36 hours' AND ${commence}::timestamptz + interval '36 hours'
        ORDER BY abs(extract(epoch FROM f.kickoff_at - ${commence}::timestamptz)) LIMIT 1`,
  );
  return found ? Number(found.id) : null;
}

/**
 * The fixture under `naturalKey`, created as `scheduled` with the given teams and kick-off when it does not exist
 * yet (an existing row is left as it is). `created` says which.
 */
export async function findOrInsertScheduledFixture(
  tx: Tx,
  f: { sport: Sport; naturalKey: string; competitionId: number; seasonId: number; homeTeamId: number; awayTeamId: number; kickoffAt: string },
): Promise<{ id: number; created: boolean }> {
  const [ins] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO fixtures (sport, natural_key, competition_id, season_id, home_team_id, away_team_id, kickoff_at, status)
        VALUES (${f.sport}::sport, ${f.naturalKey}, ${f.competitionId}, ${f.seasonId}, ${f.homeTeamId}, ${f.awayTeamId},
          ${f.kickoffAt}::timestamptz, 'scheduled')
        ON CONFLICT (natural_key) DO NOTHING RETURNING id`,
  );
  if (ins) return { id: Number(ins.id), created: true };
  // A separate statement: when a concurrent transaction inserted the row first, only a new snapshot sees it.
  const [found] = await rows<{ id: number }>(tx, sql`SELECT id FROM fixtures WHERE natural_key = ${f.naturalKey}`);
  return { id: Number(found!.id), created: false };
}

/** The fixtures of `competitionCode` in the given season labels: id, season label, week and both teams. */
export async function fixturesOfSeasons(
  tx: Tx,
  competitionCode: string,
  seasonLabels: readonly string[],
): Promise<{ id: number; season: string; week: number | null; homeTeamId: number; awayTeamId: number }[]> {
  const found = await rows<{ id: number; label: string; week: number | null; home_team_id: number; away_team_id: number }>(
    tx,
    sql`SELECT f.id, s.label, f.week, f.home_team_id, f.away_team_id
        FROM fixtures f JOIN seasons s ON s.id = f.season_id JOIN competitions c ON c.id = f.competition_id
        WHERE c.code = ${competitionCode} AND s.label = ANY(${sql.param([...seasonLabels])}::text[])`,
  );
  return found.map((f) => ({
    id: Number(f.id),
    season: f.label,
    week: f.week,
    homeTeamId: Number(f.home_team_id),
    awayTeamId: Number(f.away_team_id),
  }));
}
