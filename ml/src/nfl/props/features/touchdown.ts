/**
 * Touchdown family (anytime TD for backs and receivers): rolling carries, targets, rushing and receiving TDs
 * and yards, the player's position, and the TDs the opponent allowed on the ground and through the air.
 */
import { positionGroup, TEAM_DEFENCE_NAMES } from '../team-games.ts';
import { historyFeatures } from './history.ts';
import type { FeatureBlock } from './types.ts';

const history = historyFeatures('touchdown_history', 3, ['carries', 'targets', 'rushing_tds', 'receiving_tds', 'rushing_yards', 'receiving_yards']);
const DEF = ['opp_allowed_rushing_tds', 'opp_allowed_passing_tds'].map((n) => TEAM_DEFENCE_NAMES.indexOf(n));
const POSITION_CODE: Readonly<Record<string, number>> = { RB: 0, WR: 1, TE: 2 };

const context: FeatureBlock = {
  id: 'touchdown_context',
  version: 1,
  names: ['position_code', ...DEF.map((k) => TEAM_DEFENCE_NAMES[k]!)],
  fill({ table: t, teams }, i, out, o) {
    out[o] = POSITION_CODE[positionGroup(t.position[i]!)] ?? NaN;
    const def = teams.defence(t.season[i]!, t.week[i]!, t.opponent[i]!);
    for (let k = 0; k < DEF.length; k++) out[o + 1 + k] = def[DEF[k]!]!;
  },
};

/** The touchdown family's own blocks: scoring history and the position and opponent's allowed TDs. */
export const touchdownFeatures: readonly FeatureBlock[] = [history, context];
