/**
 * Features shared by every market: experience, schedule and the game's market context (spread, total,
 * implied team total, home/away, rest days) from the pre-game lines, and the recorded roof/wind/temperature
 * (a stand-in for the pre-game forecast a live system would use).
 */
import { contextKey } from '../games.ts';
import { gamesPlayed } from '../rolling.ts';
import type { FeatureBlock } from './types.ts';

export const commonFeatures: FeatureBlock = {
  id: 'common',
  version: 2,
  names: ['games_played', 'season_games', 'week', 'postseason', 'home', 'team_spread', 'game_total', 'implied_team_total', 'rest_days', 'opp_rest_days', 'indoors', 'wind', 'temp'],
  fill({ table: t, contexts }, i, out, o) {
    const gp = gamesPlayed(t, i);
    out[o] = Math.min(gp.career, 40);
    out[o + 1] = gp.season;
    out[o + 2] = t.week[i]!;
    out[o + 3] = t.postseason[i]!;
    const c = contexts.get(contextKey(t.season[i]!, t.week[i]!, t.team[i]!));
    out[o + 4] = c ? c.home : NaN;
    out[o + 5] = c ? c.spread : NaN;
    out[o + 6] = c ? c.total : NaN;
    out[o + 7] = c ? c.impliedTotal : NaN;
    out[o + 8] = c ? c.rest : NaN;
    out[o + 9] = c ? c.opponentRest : NaN;
    out[o + 10] = c ? c.indoors : NaN;
    out[o + 11] = c ? c.wind : NaN;
    out[o + 12] = c ? c.temp : NaN;
  },
};
