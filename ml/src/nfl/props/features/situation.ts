/**
 * The player's situation going into the game, relative to the games his rolling features summarise:
 * availability (games of his team he missed recently) and the game script (this game's spread and implied
 * team total against those of his last 8 games). Both are known before kickoff.
 */
import { contextKey } from '../../games.ts';
import { gamesMissed } from '../opportunity.ts';
import type { FeatureBlock } from './types.ts';

/** Games missed (../opportunity.ts gamesMissed): a player back from an injury or a benching is often eased in. */
export const availability: FeatureBlock = {
  id: 'availability',
  version: 1,
  names: ['team_games_missed_since_last', 'team_games_missed_8'],
  fill({ table: t, teams }, i, out, o) {
    const [since, in8] = gamesMissed(t, teams, i, 8);
    out[o] = since;
    out[o + 1] = in8;
  },
};

/** Games of the player's history the script block compares against. */
export const SCRIPT_GAMES = 8;

/**
 * This game's spread and implied team total minus their means over the player's last 8 games: his rolling
 * volumes were produced under those earlier scripts, and a bigger favourite than usual runs more and throws
 * less. NaN without earlier games with lines.
 */
export const script: FeatureBlock = {
  id: 'script',
  version: 1,
  names: ['spread_vs_last8', 'implied_total_vs_last8'],
  fill({ table: t, contexts }, i, out, o) {
    const c = contexts.get(contextKey(t.season[i]!, t.week[i]!, t.team[i]!));
    let spread = 0, implied = 0, n = 0;
    for (let j = t.prev[i]!, k = 0; j >= 0 && k < SCRIPT_GAMES; j = t.prev[j]!, k++) {
      const p = contexts.get(contextKey(t.season[j]!, t.week[j]!, t.team[j]!));
      if (!p || !Number.isFinite(p.spread) || !Number.isFinite(p.impliedTotal)) continue;
      spread += p.spread;
      implied += p.impliedTotal;
      n++;
    }
    out[o] = c && n > 0 ? c.spread - spread / n : NaN;
    out[o + 1] = c && n > 0 ? c.impliedTotal - implied / n : NaN;
  },
};
