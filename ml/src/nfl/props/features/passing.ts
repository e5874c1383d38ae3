/**
 * Passing family (passing yards, completions, attempts, passing TDs): the QB's rolling volume and efficiency,
 * his team's rolling pass volume and what the opponent's defence allowed to opposing QBs (team and opponent
 * over their last 16 games since version 2: LONG_TEAM_WINDOW).
 */
import { LONG_TEAM_WINDOW, TEAM_DEFENCE_NAMES, TEAM_OFFENSE_NAMES } from '../team-games.ts';
import { lastRatio } from '../rolling.ts';
import { historyFeatures } from './history.ts';
import type { FeatureBlock } from './types.ts';

const history = historyFeatures('passing_history', 3, ['attempts', 'completions', 'passing_yards', 'passing_tds', 'interceptions', 'sacks', 'passing_air_yards', 'carries']);
const OFF = ['team_attempts', 'team_passing_yards'].map((n) => TEAM_OFFENSE_NAMES.indexOf(n));
const DEF = ['opp_allowed_qb_passing_yards', 'opp_allowed_qb_attempts', 'opp_allowed_qb_completions', 'opp_allowed_passing_tds'].map((n) => TEAM_DEFENCE_NAMES.indexOf(n));

const efficiency: FeatureBlock = {
  id: 'passing_context',
  version: 2,
  names: ['yards_per_attempt8', 'completion_rate8', 'air_yards_per_attempt8', ...OFF.map((k) => TEAM_OFFENSE_NAMES[k]!), ...DEF.map((k) => TEAM_DEFENCE_NAMES[k]!)],
  fill({ table: t, teams }, i, out, o) {
    out[o] = lastRatio(t, t.stats.passing_yards, t.stats.attempts, i, 8);
    out[o + 1] = lastRatio(t, t.stats.completions, t.stats.attempts, i, 8);
    out[o + 2] = lastRatio(t, t.stats.passing_air_yards, t.stats.attempts, i, 8);
    const off = teams.offense(t.season[i]!, t.week[i]!, t.team[i]!, LONG_TEAM_WINDOW);
    const def = teams.defence(t.season[i]!, t.week[i]!, t.opponent[i]!, LONG_TEAM_WINDOW);
    let p = o + 3;
    for (const k of OFF) out[p++] = off[k]!;
    for (const k of DEF) out[p++] = def[k]!;
  },
};

/**
 * The passing family's own blocks: QB history and efficiency with team and opponent context (see the file comment).
 */
export const passingFeatures: readonly FeatureBlock[] = [history, efficiency];
