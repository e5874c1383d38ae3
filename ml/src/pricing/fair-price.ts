/**
 * The fair price of a side: the decimal odds o at which a bet on it has zero expected profit (no margin).
 * One idea, one name across the platform, for the three ways a bet can settle (expected-value.ts):
 *  - win or lose:            p·o − 1 = 0                                   ⇒ o = 1/p
 *  - win, lose or push:      p_win·(o − 1) − p_lose = 0                    ⇒ o = (p_win + p_lose)/p_win
 *  - Asian / quarter lines:  (p_win + p_halfWin/2)·(o − 1) − p_loss − p_halfLoss/2 = 0
 *                                                                          ⇒ o = 1 + (p_loss + p_halfLoss/2)/(p_win + p_halfWin/2)
 * A push refunds the stake, so it lowers the fair price below 1/p_win. A side that cannot win has fair price
 * Infinity. Each form keeps the exact arithmetic its callers have always used, so stored and served figures
 * do not move in the last bit.
 */
import type { SettlementProbabilities } from './expected-value.ts';
import { checkProb } from './guards.ts';

/** Fair decimal price of a win-or-lose side with win probability `p` ∈ [0, 1]: 1/p (Infinity for 0). */
export function fairPrice(p: number): number;
/** Fair decimal price of a side that wins with `win`, loses with `lose` and otherwise pushes: (win + lose)/win; Infinity when win is 0. */
export function fairPrice(win: number, lose: number): number;
/** Fair decimal price of an Asian-line side: 1 + (loss + halfLoss/2)/(win + halfWin/2); Infinity when it cannot win. */
export function fairPrice(settlement: SettlementProbabilities): number;
export function fairPrice(a: number | SettlementProbabilities, lose?: number): number {
  if (typeof a !== 'number') {
    const up = a.win + a.halfWin / 2;
    const down = a.loss + a.halfLoss / 2;
    return up > 0 ? 1 + down / up : Infinity;
  }
  if (lose === undefined) {
    checkProb(a);
    return 1 / a;
  }
  return a === 0 ? Infinity : (a + lose) / a;
}
