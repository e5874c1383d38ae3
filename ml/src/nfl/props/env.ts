/** Build the feature environment (player table, pre-game lines, team rolling context) from CSV texts. */
import type { FeatureEnv } from './features/index.ts';
import { contextKey, parseGames, teamContexts, type TeamContext } from '../games.ts';
import { buildTeamRolling } from './team-games.ts';
import { parseWeekly, type WeeklyTable } from './weekly.ts';

/**
 * The weekly file has a few rows (41 in 2015–2019) whose opponent_team equals recent_team; the games file
 * knows who the team played that week, so those opponents are taken from there. Returns the rows repaired.
 */
export function repairOpponents(t: WeeklyTable, contexts: ReadonlyMap<string, TeamContext>): number {
  let repaired = 0;
  for (let i = 0; i < t.n; i++) {
    if (t.opponent[i] !== t.team[i]) continue;
    const c = contexts.get(contextKey(t.season[i]!, t.week[i]!, t.team[i]!));
    if (c) {
      t.opponent[i] = c.opponent;
      repaired++;
    }
  }
  return repaired;
}

/**
 * The feature environment from CSV texts: the weekly player table (opponents repaired from the schedule),
 * each team's pre-game context from the games file, and the teams' rolling volume and defence.
 */
export function buildEnv(weeklyCsvs: readonly string[], gamesCsvs: readonly string[]): FeatureEnv {
  const table = parseWeekly(weeklyCsvs);
  const contexts = teamContexts(parseGames(gamesCsvs));
  repairOpponents(table, contexts);
  return { table, contexts, teams: buildTeamRolling(table) };
}
