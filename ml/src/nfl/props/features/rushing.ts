/**
 * Rushing family (rushing yards, carries): the back's rolling carries, yards and targets, yards per carry,
 * his share of team carries, the team's rolling rush volume and what the opponent allowed to running backs
 * (team and opponent over their last 16 games since version 2: LONG_TEAM_WINDOW).
 */
import { LONG_TEAM_WINDOW, TEAM_DEFENCE_NAMES, TEAM_OFFENSE_NAMES } from '../team-games.ts';
import { lastMean, lastRatio } from '../rolling.ts';
import { historyFeatures } from './history.ts';
import type { FeatureBlock } from './types.ts';

const history = historyFeatures('rushing_history', 3, ['carries', 'rushing_yards', 'rushing_tds', 'targets', 'receptions']);
const OFF = ['team_carries', 'team_rushing_yards', 'team_attempts'].map((n) => TEAM_OFFENSE_NAMES.indexOf(n));
const DEF = ['opp_allowed_rb_rushing_yards', 'opp_allowed_rb_carries', 'opp_allowed_rushing_tds'].map((n) => TEAM_DEFENCE_NAMES.indexOf(n));

const context: FeatureBlock = {
  id: 'rushing_context',
  version: 2,
  names: ['yards_per_carry8', 'carry_share3', ...OFF.map((k) => TEAM_OFFENSE_NAMES[k]!), ...DEF.map((k) => TEAM_DEFENCE_NAMES[k]!)],
  fill({ table: t, teams }, i, out, o) {
    out[o] = lastRatio(t, t.stats.rushing_yards, t.stats.carries, i, 8);
    const off = teams.offense(t.season[i]!, t.week[i]!, t.team[i]!, LONG_TEAM_WINDOW);
    const teamCarries = off[OFF[0]!]!;
    out[o + 1] = teamCarries > 0 ? lastMean(t, t.stats.carries, i, 3) / teamCarries : NaN;
    const def = teams.defence(t.season[i]!, t.week[i]!, t.opponent[i]!, LONG_TEAM_WINDOW);
    let p = o + 2;
    for (const k of OFF) out[p++] = off[k]!;
    for (const k of DEF) out[p++] = def[k]!;
  },
};

/** The rushing family's own blocks: back history, yards per carry, carry share and team and opponent context. */
export const rushingFeatures: readonly FeatureBlock[] = [history, context];
