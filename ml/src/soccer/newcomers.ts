/**
 * Newcomer handling for walk-forward fits: a promoted team has little or no history in the league, and
 * shrinking it towards the league average (rating 0) overrates it — promoted sides are, on average, among the
 * weakest. We therefore shrink teams that entered the fit window late towards a `newcomer` rating (a
 * hyperparameter chosen on earlier seasons) and use that rating for a team with no history at all.
 */
import type { SoccerMatch } from './dixon-coles-data.ts';
import type { TeamRating } from './dixon-coles.ts';

/**
 * Teams whose first match inside (asOfDay − windowDays, asOfDay) comes more than `lateDays` after the
 * window's first match: they joined the league during the window.
 */
export function newcomerPriors(
  matches: readonly SoccerMatch[],
  asOfDay: number,
  windowDays: number,
  newcomer: TeamRating,
  lateDays = 200,
): Record<string, TeamRating> {
  const first = new Map<string, number>();
  let earliest = Infinity;
  for (const m of matches) {
    const age = asOfDay - m.day;
    if (!(age > 0 && age <= windowDays)) continue;
    if (m.day < earliest) earliest = m.day;
    for (const t of [m.home, m.away]) {
      const f = first.get(t);
      if (f === undefined || m.day < f) first.set(t, m.day);
    }
  }
  const priors: Record<string, TeamRating> = {};
  for (const [team, day] of first) if (day - earliest > lateDays) priors[team] = newcomer;
  return priors;
}
