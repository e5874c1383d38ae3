/**
 * What the NFL prop models train on, read from the database: every stored weekly stat line with its player's
 * nflverse id, team and opponent abbreviations, season, week and season type; and every NFL game with its closing
 * lines (the nflverse schedule's, stored under the reference pseudo-book) and pre-game conditions. The worker turns
 * these rows into ml's feature environment (services/nfl/props/training-data.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** One player-game stat line as the props trainer reads it (stats null where the file was empty). */
export interface NflStatLineRow {
  playerExternalId: string;
  playerName: string;
  position: string | null;
  team: string;
  opponent: string | null;
  season: string;
  week: number;
  seasonType: string | null;
  completions: number | null;
  passAttempts: number | null;
  passingYards: number | null;
  passingTds: number | null;
  interceptions: number | null;
  sacks: number | null;
  passingAirYards: number | null;
  carries: number | null;
  rushingYards: number | null;
  rushingTds: number | null;
  receptions: number | null;
  targets: number | null;
  receivingYards: number | null;
  receivingTds: number | null;
  receivingAirYards: number | null;
  targetShare: number | null;
  airYardsShare: number | null;
}

/** The NFL competition's stat lines, every season (the trainer picks its seasons). Team codes are the teams' short names. */
export async function nflStatLines(db: Db): Promise<NflStatLineRow[]> {
  const r = await db.execute(sql`
    SELECT p.external_id AS "playerExternalId", p.name AS "playerName", s.position, coalesce(t.short_name, t.name) AS team,
           coalesce(o.short_name, o.name) AS opponent, se.label AS season, f.week, s.extra ->> 'season_type' AS "seasonType",
           s.completions, s.pass_attempts AS "passAttempts", s.passing_yards AS "passingYards", s.passing_tds AS "passingTds",
           s.interceptions, s.sacks, s.passing_air_yards AS "passingAirYards", s.carries, s.rushing_yards AS "rushingYards",
           s.rushing_tds AS "rushingTds", s.receptions, s.targets, s.receiving_yards AS "receivingYards", s.receiving_tds AS "receivingTds",
           s.receiving_air_yards AS "receivingAirYards", s.target_share AS "targetShare", s.air_yards_share AS "airYardsShare"
    FROM player_game_stats s
    JOIN players p ON p.id = s.player_id AND p.sport = 'nfl'
    JOIN fixtures f ON f.id = s.fixture_id
    JOIN seasons se ON se.id = f.season_id
    JOIN teams t ON t.id = s.team_id
    LEFT JOIN teams o ON o.id = s.opponent_team_id
    WHERE f.week IS NOT NULL`);
  return (r as unknown as { rows: NflStatLineRow[] }).rows;
}

/** One NFL game as the props trainer reads it: teams, closing lines and conditions (null where unknown). */
export interface NflTrainingGameRow {
  gameId: string;
  season: string;
  week: number;
  kickoffAt: Date;
  home: string;
  away: string;
  neutral: boolean;
  homeScore: number | null;
  awayScore: number | null;
  /**
   * nflverse's spread_line (positive = home favoured) and total: the schedule's, else the newest line of `bookKey`
   * (a game stored from another source), else null.
   */
  spread: number | null;
  total: number | null;
  homeRest: number | null;
  awayRest: number | null;
  roof: string | null;
  wind: number | null;
  temp: number | null;
  divisional: boolean | null;
}

/** Every game of competition `code` (the NFL) with its closing spread and total (see NflTrainingGameRow) and its conditions. */
export async function nflTrainingGames(db: Db, code: string, bookKey: string): Promise<NflTrainingGameRow[]> {
  const r = await db.execute(sql`
    WITH lines AS (
      SELECT o.fixture_id, o.market,
             (array_agg(o.line ORDER BY o.captured_at DESC, o.id DESC))[1] AS line
      FROM odds_snapshots o JOIN bookmakers b ON b.id = o.bookmaker_id
      WHERE b.key = ${bookKey} AND ((o.market = 'spread' AND o.selection = 'home') OR (o.market = 'game_total' AND o.selection = 'over'))
      GROUP BY o.fixture_id, o.market)
    SELECT f.natural_key AS "gameId", se.label AS season, f.week, f.kickoff_at AS "kickoffAt",
           coalesce(h.short_name, h.name) AS home, coalesce(a.short_name, a.name) AS away, f.neutral_venue AS neutral,
           f.home_score AS "homeScore", f.away_score AS "awayScore",
           coalesce(c.spread_line, -sp.line) AS spread, coalesce(c.total_line, tot.line) AS total,
           c.home_rest AS "homeRest", c.away_rest AS "awayRest", c.roof, c.wind, c.temp, c.divisional
    FROM fixtures f
    JOIN competitions co ON co.id = f.competition_id AND co.code = ${code}
    JOIN seasons se ON se.id = f.season_id
    JOIN teams h ON h.id = f.home_team_id
    JOIN teams a ON a.id = f.away_team_id
    LEFT JOIN lines sp ON sp.fixture_id = f.id AND sp.market = 'spread'
    LEFT JOIN lines tot ON tot.fixture_id = f.id AND tot.market = 'game_total'
    LEFT JOIN nfl_game_conditions c ON c.fixture_id = f.id
    WHERE f.week IS NOT NULL`);
  return (r as unknown as { rows: NflTrainingGameRow[] }).rows.map((g) => ({ ...g, kickoffAt: new Date(g.kickoffAt) }));
}

/** A player expected in an upcoming NFL game: his team's scheduled fixture (players.team_id is his latest team). */
export interface NflUpcomingPlayerGameRow {
  gameId: string;
  season: string;
  week: number;
  playerExternalId: string;
  playerName: string;
  position: string | null;
  team: string;
  opponent: string;
}

/**
 * Every player with a stat line in the `recentDays` before `from` whose latest team plays a scheduled game of
 * competition `code` kicking off in [from, until): what the prop models project before kickoff.
 */
export async function nflUpcomingPlayerGames(db: Db, code: string, from: Date, until: Date, recentDays = 400): Promise<NflUpcomingPlayerGameRow[]> {
  const since = new Date(from.getTime() - recentDays * 86_400_000);
  const r = await db.execute(sql`
    SELECT f.natural_key AS "gameId", se.label AS season, f.week, p.external_id AS "playerExternalId", p.name AS "playerName", p.position,
           coalesce(t.short_name, t.name) AS team, coalesce(o.short_name, o.name) AS opponent
    FROM fixtures f
    JOIN competitions co ON co.id = f.competition_id AND co.code = ${code}
    JOIN seasons se ON se.id = f.season_id
    JOIN players p ON p.sport = 'nfl' AND p.team_id IN (f.home_team_id, f.away_team_id)
    JOIN teams t ON t.id = p.team_id
    JOIN teams o ON o.id = CASE WHEN p.team_id = f.home_team_id THEN f.away_team_id ELSE f.home_team_id END
    WHERE f.status = 'scheduled' AND f.week IS NOT NULL AND f.kickoff_at >= ${from} AND f.kickoff_at < ${until}
      AND EXISTS (SELECT 1 FROM player_game_stats s JOIN fixtures g ON g.id = s.fixture_id
                  WHERE s.player_id = p.id AND g.kickoff_at >= ${since} AND g.kickoff_at < ${from})
    ORDER BY f.kickoff_at, p.external_id`);
  return (r as unknown as { rows: NflUpcomingPlayerGameRow[] }).rows;
}
