/**
 * Live rows: the games to project before kickoff enter the same weekly table as history, with every stat
 * unknown (NaN). Feature builders never read the stats of the row they describe, so a live row gets exactly the
 * features its game will have had in training data — one code path for both.
 */
import type { FeatureEnv } from './features/index.ts';
import { buildTeamRolling } from './team-games.ts';
import { canonicalTeam } from '../teams.ts';
import { buildWeeklyTable, STATS, tableRows, type RawRow } from './weekly.ts';

/** A player-game not yet played: a table row's identity without its stats. */
export interface UpcomingGame extends Omit<RawRow, 'stats' | 'post'> {
  postseason?: boolean;
}

/**
 * A new environment whose table holds the history plus the upcoming player-games, and the row index of each
 * upcoming game (in input order). An upcoming game already present in the history is rejected.
 */
export function withUpcoming(env: FeatureEnv, games: readonly UpcomingGame[]): { env: FeatureEnv; rows: Int32Array } {
  const seen = new Set(Array.from({ length: env.table.n }, (_, i) => `${env.table.playerId[i]}|${env.table.time[i]}`));
  const extra: RawRow[] = games.map((g) => {
    if (seen.has(`${g.playerId}|${g.season * 100 + g.week}`)) throw new Error(`props: ${g.playerId} already has a ${g.season} week ${g.week} game`);
    return {
      playerId: g.playerId, playerName: g.playerName, position: g.position, team: canonicalTeam(g.team), opponent: canonicalTeam(g.opponent),
      season: g.season, week: g.week, post: g.postseason ? 1 : 0, stats: new Float64Array(STATS.length).fill(NaN),
    };
  });
  const table = buildWeeklyTable([...tableRows(env.table), ...extra]);
  const index = new Map<string, number>();
  for (let i = 0; i < table.n; i++) index.set(`${table.playerId[i]}|${table.time[i]}`, i);
  const rows = Int32Array.from(games, (g) => index.get(`${g.playerId}|${g.season * 100 + g.week}`)!);
  return { env: { table, contexts: env.contexts, teams: buildTeamRolling(table) }, rows };
}
