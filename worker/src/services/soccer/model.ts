/**
 * The one soccer model configuration the platform serves: pure Dixon–Coles with the defaults chosen on earlier
 * seasons (ml/src/soccer/defaults.ts), newcomer priors for promoted teams. On-demand fair prices and the
 * hourly predictions cron both go through here, so they can never price a fixture differently.
 */
import { soccer } from '@fairline/ml';

export const SOCCER_MODEL = soccer.PURE_DC_DEFAULTS;

/** Fit on finished matches strictly before `asOfDay`. */
export function fitSoccerModel(history: readonly soccer.SoccerMatch[], asOfDay: number): soccer.DixonColesModel {
  const hp = SOCCER_MODEL;
  return soccer.fitDixonColes(history, {
    xi: hp.xi,
    windowDays: hp.windowDays,
    shrinkage: hp.shrinkage,
    priors: soccer.newcomerPriors(history, asOfDay, hp.windowDays, hp.newcomer),
    asOfDay,
  });
}

/** Every market for a fixture; a team with no results in the window (just promoted) gets the newcomer rating. */
export function priceFixture(model: soccer.DixonColesModel, homeTeamId: number, awayTeamId: number, neutral: boolean): soccer.MarketBook {
  return soccer.marketBook(model, String(homeTeamId), String(awayTeamId), { neutral, unknownTeam: SOCCER_MODEL.newcomer });
}
