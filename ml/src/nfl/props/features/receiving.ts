/**
 * Receiving family (receiving yards, receptions): the receiver's rolling targets, catches, yards, air yards,
 * target and air-yard shares, catch rate and yards per target, his position, the team's rolling pass volume
 * and what the opponent allowed to his position group.
 */
import { positionGroup, TEAM_DEFENCE_NAMES, TEAM_OFFENSE_NAMES } from '../team-games.ts';
import { lastRatio } from '../rolling.ts';
import { historyFeatures } from './history.ts';
import type { FeatureBlock } from './types.ts';

const history = historyFeatures('receiving_history', 3, [
  'targets', 'receptions', 'receiving_yards', 'receiving_tds', 'receiving_air_yards', 'target_share', 'air_yards_share', 'carries',
]);
const OFF = ['team_attempts', 'team_targets', 'team_passing_yards'].map((n) => TEAM_OFFENSE_NAMES.indexOf(n));
const ALLOWED_YARDS = { RB: 'opp_allowed_rb_receiving_yards', WR: 'opp_allowed_wr_receiving_yards', TE: 'opp_allowed_te_receiving_yards' } as const;
const ALLOWED_CATCHES = { RB: 'opp_allowed_rb_receptions', WR: 'opp_allowed_wr_receptions', TE: 'opp_allowed_te_receptions' } as const;
const QB_YARDS = TEAM_DEFENCE_NAMES.indexOf('opp_allowed_qb_passing_yards');
const POSITION_CODE = { RB: 0, WR: 1, TE: 2 } as const;

const context: FeatureBlock = {
  id: 'receiving_context',
  version: 1,
  names: [
    'position_code', 'catch_rate8', 'yards_per_target8', 'yards_per_reception8',
    ...OFF.map((k) => TEAM_OFFENSE_NAMES[k]!), 'opp_allowed_position_receiving_yards', 'opp_allowed_position_receptions', 'opp_allowed_qb_passing_yards',
  ],
  fill({ table: t, teams }, i, out, o) {
    const g = positionGroup(t.position[i]!);
    const pos = g === 'RB' || g === 'WR' || g === 'TE' ? g : null;
    out[o] = pos ? POSITION_CODE[pos] : NaN;
    out[o + 1] = lastRatio(t, t.stats.receptions, t.stats.targets, i, 8);
    out[o + 2] = lastRatio(t, t.stats.receiving_yards, t.stats.targets, i, 8);
    out[o + 3] = lastRatio(t, t.stats.receiving_yards, t.stats.receptions, i, 8);
    const off = teams.offense(t.season[i]!, t.week[i]!, t.team[i]!);
    const def = teams.defence(t.season[i]!, t.week[i]!, t.opponent[i]!);
    let p = o + 4;
    for (const k of OFF) out[p++] = off[k]!;
    out[p++] = pos ? def[TEAM_DEFENCE_NAMES.indexOf(ALLOWED_YARDS[pos])]! : NaN;
    out[p++] = pos ? def[TEAM_DEFENCE_NAMES.indexOf(ALLOWED_CATCHES[pos])]! : NaN;
    out[p++] = def[QB_YARDS]!;
  },
};

/** The receiving family's own blocks: receiver history and the position, team and opponent context. */
export const receivingFeatures: readonly FeatureBlock[] = [history, context];
