/**
 * Expected profit per unit staked of a bet at decimal odds o, for the three ways a bet can settle:
 *  - win or lose:                    EV = p·o − 1
 *  - win, lose or push (stake back): EV = p_win·(o − 1) − p_lose
 *  - Asian / quarter lines, which can also half-win or half-lose (half the stake on each neighbouring line):
 *                                    EV = (p_win + p_halfWin/2)·(o − 1) − p_loss − p_halfLoss/2
 * A push contributes 0 in each. The three agree where their settlements coincide (no push: p_lose = 1 − p).
 */
import { checkOdds, checkProb } from './guards.ts';

/** Expected profit per unit staked on a win-or-lose bet at decimal odds `odds`: p·o − 1. Checks both arguments. */
export function expectedValue(p: number, odds: number): number {
  checkProb(p);
  checkOdds(odds);
  return p * odds - 1;
}

/**
 * Expected profit per unit staked at decimal odds `price` on a side that wins with probability `win`, loses
 * with `lose` and otherwise pushes (the stake is refunded): win·(price − 1) − lose. No argument checks: it is
 * called per quote on validated stored prices and model probabilities.
 */
export function expectedValueWithPush(win: number, lose: number, price: number): number {
  return win * (price - 1) - lose;
}

/** Settlement probabilities of a bet that can push or half-settle (Asian and quarter lines); they sum to 1. */
export interface SettlementProbabilities {
  win: number;
  halfWin: number;
  push: number;
  halfLoss: number;
  loss: number;
}

/** Expected profit per unit staked on an Asian-line bet at decimal odds `odds` (half-wins and half-losses count half). */
export function expectedValueAsian(s: SettlementProbabilities, odds: number): number {
  checkOdds(odds);
  return (s.win + s.halfWin / 2) * (odds - 1) - s.loss - s.halfLoss / 2;
}
