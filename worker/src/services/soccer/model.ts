/**
 * The one soccer model configuration the platform serves: pure Dixon–Coles with the defaults chosen on earlier
 * seasons (ml/src/soccer/defaults.ts), newcomer priors for promoted teams, fitted on a competition's results
 * as the database holds them. The hourly cron and the API both price from the version this produces and files
 * (model-version.ts), so a fixture has one answer.
 */
import { soccerResultsBefore, type Db } from '@fairline/db';
import { soccer } from '@fairline/ml';

/** The served hyperparameters (ξ per day, window in days, shrinkage, newcomer prior). */
export const SOCCER_MODEL = soccer.PURE_DC_DEFAULTS;

/** The registry kind of soccer Dixon–Coles models. */
export const SOCCER_KIND = 'soccer_dixon_coles' as const;

/** The registry scope of a competition's model. */
export const soccerScope = (competitionCode: string) => `soccer:${competitionCode}`;

/** Fewer finished matches than this and the ratings are mostly prior: we refuse rather than mislead. */
export const MIN_HISTORY = 30;

const DAY_MS = 86_400_000;

/** Days since the Unix epoch (UTC) of an instant: the model's time axis. */
export const dayOf = (d: Date): number => Math.floor(d.getTime() / DAY_MS);

/** A competition's finished matches strictly before `before`, inside the model's window, as the fit reads them. */
export async function soccerHistory(db: Db, competitionId: number, before: Date): Promise<soccer.SoccerMatch[]> {
  const rows = await soccerResultsBefore(db, competitionId, before, SOCCER_MODEL.windowDays);
  return rows.map((r) => ({
    home: String(r.homeTeamId),
    away: String(r.awayTeamId),
    homeGoals: r.homeGoals,
    awayGoals: r.awayGoals,
    day: dayOf(r.kickoffAt),
    neutral: r.neutral,
  }));
}

/** Fit on finished matches strictly before `asOfDay` (days since epoch). */
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

/** Every market for a fixture from one score grid; a team with no results in the window (just promoted) gets the newcomer rating. */
export function priceFixture(model: soccer.DixonColesModel, homeTeamId: number, awayTeamId: number, neutral: boolean): soccer.MarketBook {
  return soccer.marketBook(model, String(homeTeamId), String(awayTeamId), { neutral, unknownTeam: SOCCER_MODEL.newcomer });
}
