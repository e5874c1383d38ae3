/**
 * Features shared by every market: experience, schedule and the game's market context (spread, total,
 * implied team total, home/away, rest days) from the pre-game lines, and the recorded roof/wind/temperature
 * (a stand-in for the pre-game forecast a live system would use).
 */
import { contextKey } from '../../games.ts';
import { gamesPlayed } from '../rolling.ts';
import type { FeatureBlock } from './types.ts';

/**
 * The schedule week on the 17-week scale of the training seasons. The NFL went from 17 regular-season weeks to
 * 18 in 2021 (and the post season moved from weeks 18–21 to 19–22), so a raw week of 18 would read as a
 * wild-card game to a model trained on earlier seasons. From 2021 the week is shifted down by one (weeks 1 and 2
 * both map to 1), so the final regular-season week — when contenders rest starters — is 17 in every season and
 * each playoff round keeps its number. Earlier seasons are unchanged.
 */
export function scheduleWeek(season: number, week: number): number {
  return season >= 2021 ? Math.max(1, week - 1) : week;
}

/** The block every market family starts with (see the file comment); a missing context is NaN. */
export const commonFeatures: FeatureBlock = {
  id: 'common',
  version: 3,
  names: ['games_played', 'season_games', 'week', 'postseason', 'home', 'team_spread', 'game_total', 'implied_team_total', 'rest_days', 'opp_rest_days', 'indoors', 'wind', 'temp'],
  fill({ table: t, contexts }, i, out, o) {
    const gp = gamesPlayed(t, i);
    out[o] = Math.min(gp.career, 40);
    out[o + 1] = gp.season;
    out[o + 2] = scheduleWeek(t.season[i]!, t.week[i]!);
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
