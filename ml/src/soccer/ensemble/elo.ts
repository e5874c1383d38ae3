/**
 * A plain Elo rating for league football (Elo 1978, as adapted by the World Football Elo Ratings: a goal-difference
 * multiplier on K and a home bonus). It is one of the ensemble's features — a second, fast-moving view of team
 * strength beside the time-decayed Dixon–Coles ratings. The constants are fixed (not tuned): K = 20, home bonus 60.
 */

/** Elo parameters. */
export interface EloParams {
  /** Update size per match. */
  k: number;
  /** Rating points added to the home side's rating for the expectation. */
  home: number;
  /** Rating of a team seen for the first time once the league already has a history (promoted sides are weaker). */
  newcomer: number;
}

/** Fixed Elo constants of the ensemble's features (documented in bench/soccer/TUNING.md, not tuned). */
export const ELO_DEFAULTS: EloParams = { k: 20, home: 60, newcomer: 1430 };

/** Expected score (win = 1, draw = ½) of the home side. */
export function eloExpected(home: number, away: number, params: EloParams = ELO_DEFAULTS): number {
  return 1 / (1 + 10 ** ((away - home - params.home) / 400));
}

/** Goal-difference multiplier of the World Football Elo Ratings: 1, 1.5, then (11 + d) / 8. */
export function goalMultiplier(goalDifference: number): number {
  const d = Math.abs(goalDifference);
  return d <= 1 ? 1 : d === 2 ? 1.5 : (11 + d) / 8;
}

/** New (home, away) ratings after a result. */
export function eloUpdate(home: number, away: number, homeGoals: number, awayGoals: number, params: EloParams = ELO_DEFAULTS): [number, number] {
  const score = homeGoals > awayGoals ? 1 : homeGoals === awayGoals ? 0.5 : 0;
  const delta = params.k * goalMultiplier(homeGoals - awayGoals) * (score - eloExpected(home, away, params));
  return [home + delta, away - delta];
}
