/**
 * The Dixon–Coles fits a feature row is computed from, for serving: the goal model and — when the hyperparameters
 * blend in shots on target — the shots model, fitted on finished matches before `day` exactly as the walk-forward
 * backtest fits them before a match date (same window, decay, shrinkage priors; the shots model without ρ and only
 * when the window holds shot data). Serving a GBDT artifact trained on walk-forward features with these fits keeps
 * its inputs the same at both ends.
 */
import type { BacktestMatch } from '../backtest.ts';
import type { SoccerHyperparameters } from '../defaults.ts';
import type { SoccerMatch } from '../dixon-coles-data.ts';
import { fitDixonColes, type DixonColesModel } from '../dixon-coles.ts';
import { newcomerPriors } from '../newcomers.ts';

/** Goal and (when `hp.shotsOnTargetWeight` > 0 and the window has shot data) shots-on-target fits as of `day`. */
export function fitDixonColesAsOf(
  history: readonly BacktestMatch[],
  day: number,
  hp: SoccerHyperparameters,
): { goals: DixonColesModel; shots?: DixonColesModel } {
  const known = history.filter((m) => m.day < day);
  const fit = (ms: readonly SoccerMatch[], estimateRho: boolean) => {
    const priors = hp.shrinkage > 0 ? newcomerPriors(ms, day, hp.windowDays, hp.newcomer) : undefined;
    return fitDixonColes(ms, {
      xi: hp.xi,
      windowDays: hp.windowDays,
      asOfDay: day,
      shrinkage: hp.shrinkage,
      ...(estimateRho ? {} : { estimateRho: false }),
      ...(priors ? { priors } : {}),
    });
  };
  const goals = fit(known, true);
  if (!(hp.shotsOnTargetWeight > 0)) return { goals };
  const shotMatches: SoccerMatch[] = [];
  for (const m of known) {
    if (m.homeShotsOnTarget != null && m.awayShotsOnTarget != null)
      shotMatches.push({ home: m.home, away: m.away, homeGoals: m.homeShotsOnTarget, awayGoals: m.awayShotsOnTarget, day: m.day, neutral: m.neutral ?? false });
  }
  // Older files lack HST/AST: no shot data in the window → pure Dixon–Coles for this date, as the backtest does.
  return shotMatches.some((s) => day - s.day <= hp.windowDays) ? { goals, shots: fit(shotMatches, false) } : { goals };
}
