/**
 * The prop models' feature environment built from the database instead of the nflverse CSVs: the stored weekly stat
 * lines become ml's weekly table (missing cells read as 0, as the CSV parser reads them), and the stored games — with
 * the reference closing lines and the schedule's conditions — become the teams' pre-game contexts. Same table, same
 * contexts, same rolling team features: a model trained from here equals one trained from the files (tested).
 */
import { nflStatLines, nflTrainingGames, type NflStatLineRow } from '@fairline/db';
import { teamContexts, type NflGame } from '@fairline/ml/nfl/games';
import { buildTeamRolling, buildWeeklyTable, repairOpponents, STATS, type FeatureEnv, type RawRow, type StatName } from '@fairline/ml/nfl/props/index';
import { canonicalTeam } from '@fairline/ml/nfl/teams';
import type { Ctx } from '../../../context.ts';
import { NFL_COMPETITION } from '../../ingest/nflverse/games.ts';
import { NFL_LINES_BOOK } from '../../odds/reference-books.ts';

/** ml's stat name → the stored column (NflStatLineRow key). */
const COLUMN: Record<StatName, keyof NflStatLineRow> = {
  completions: 'completions', attempts: 'passAttempts', passing_yards: 'passingYards', passing_tds: 'passingTds',
  interceptions: 'interceptions', sacks: 'sacks', passing_air_yards: 'passingAirYards', carries: 'carries',
  rushing_yards: 'rushingYards', rushing_tds: 'rushingTds', receptions: 'receptions', targets: 'targets',
  receiving_yards: 'receivingYards', receiving_tds: 'receivingTds', receiving_air_yards: 'receivingAirYards',
  target_share: 'targetShare', air_yards_share: 'airYardsShare',
};

const orNaN = (v: number | null) => (v === null ? Number.NaN : v);

/** The feature environment of every NFL season the database holds. */
export async function propsEnvFromDb(ctx: Pick<Ctx, 'read'>): Promise<FeatureEnv> {
  const [lines, games] = await Promise.all([nflStatLines(ctx.read), nflTrainingGames(ctx.read, NFL_COMPETITION.code, NFL_LINES_BOOK.key)]);
  const raw: RawRow[] = lines.map((l) => ({
    playerId: l.playerExternalId,
    playerName: l.playerName,
    position: l.position ?? '',
    team: canonicalTeam(l.team),
    opponent: canonicalTeam(l.opponent ?? ''),
    season: Number(l.season),
    week: l.week,
    post: l.seasonType === 'POST' ? 1 : 0,
    stats: Float64Array.from(STATS, (s) => Number(l[COLUMN[s]] ?? 0)),
  }));
  const table = buildWeeklyTable(raw);
  const schedule: NflGame[] = games.map((g) => ({
    gameId: g.gameId, season: Number(g.season), week: g.week, postseason: false, gameday: g.kickoffAt.toISOString().slice(0, 10),
    home: canonicalTeam(g.home), away: canonicalTeam(g.away), homeField: g.neutral ? 0 : 1,
    homeScore: orNaN(g.homeScore), awayScore: orNaN(g.awayScore),
    spread: orNaN(g.spread), total: orNaN(g.total),
    homeMoneyline: Number.NaN, awayMoneyline: Number.NaN, homeRest: orNaN(g.homeRest), awayRest: orNaN(g.awayRest),
    divisional: g.divisional ? 1 : 0, indoors: g.roof === 'dome' || g.roof === 'closed' ? 1 : 0, wind: orNaN(g.wind), temp: orNaN(g.temp),
  }) as NflGame);
  const contexts = teamContexts(schedule);
  repairOpponents(table, contexts);
  return { table, contexts, teams: buildTeamRolling(table) };
}
