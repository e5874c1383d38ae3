/**
 * The handicap sign flip. One spread bet has three spellings that differ only in sign:
 *  - the HOME handicap h (book and odds-feed convention: home −3 = home favoured by 3; football-data's AHh),
 *  - the home MARGIN line m = −h (nflverse `spread_line`, the game-lines model: +3 = home favoured by 3; the
 *    home side covers when home score − away score > m),
 *  - the AWAY handicap −h (the other side of the same bet, also equal to m).
 * Each conversion is x ↦ −x, with −0 normalised to 0: −(0) is −0 in IEEE 754, which Object.is, Map keys of
 * formatted numbers (`toFixed`, `toLocaleString`: "-0") and test equality tell apart from 0 — a pick'em must be
 * one line whichever way it was reached.
 */

/**
 * The same line seen from the other side or the other convention: home handicap ↔ home margin line ↔ away
 * handicap. −x, but 0 (never −0) for a pick'em.
 */
export function flipHandicap(line: number): number {
  return line === 0 ? 0 : -line;
}
