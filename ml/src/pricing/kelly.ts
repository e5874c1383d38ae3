/**
 * Kelly staking (Kelly 1956, "A new interpretation of information rate"; Thorp 2006, "The Kelly criterion in
 * blackjack, sports betting and the stock market" for fractional Kelly).
 *
 * For a bet at decimal odds o with win probability p, the growth-optimal stake as a fraction of bankroll is
 * f* = (p·o − 1)/(o − 1) when positive, else 0. Fractional Kelly scales f* down (lower variance, robust to
 * over-confident p); a cap bounds any single stake.
 */
import type { SettlementProbabilities } from './expected-value.ts';
import { checkOdds, checkProb } from './guards.ts';

/** How much of the full-Kelly stake to bet, and the most any one bet may take. */
export interface KellyOptions {
  /** Multiplier on the full-Kelly stake (e.g. 0.25 for quarter Kelly). Default 1. */
  fraction?: number;
  /** Largest stake as a fraction of bankroll. Default 1. */
  cap?: number;
}

/** Full or fractional Kelly stake of a win-or-lose bet, as a fraction of bankroll (0 when the bet has no edge). */
export function kellyStake(p: number, odds: number, options: KellyOptions = {}): number {
  checkProb(p);
  checkOdds(odds);
  const fraction = options.fraction ?? 1;
  const cap = options.cap ?? 1;
  if (!(fraction >= 0) || !(cap >= 0)) throw new RangeError('pricing: Kelly fraction and cap must be ≥ 0');
  const full = (p * odds - 1) / (odds - 1);
  return full > 0 ? Math.min(full * fraction, cap) : 0;
}

/**
 * Kelly stake for an Asian-line bet, as a fraction of bankroll: maximises E[ln(1 + f·r)] over the five
 * settlement returns r ∈ {o−1, (o−1)/2, 0, −½, −1} (a push returns the stake: r = 0). The derivative is
 * decreasing in f, so bisection finds the root.
 */
export function kellyStakeAsian(s: SettlementProbabilities, odds: number, options: KellyOptions = {}): number {
  checkOdds(odds);
  const fraction = options.fraction ?? 1;
  const cap = options.cap ?? 1;
  const r = [odds - 1, (odds - 1) / 2, -0.5, -1];
  const q = [s.win, s.halfWin, s.halfLoss, s.loss];
  const deriv = (f: number) => q.reduce((acc, qi, i) => acc + (qi * r[i]!) / (1 + f * r[i]!), 0);
  if (deriv(0) <= 0) return 0;
  // With any chance of a full loss the optimum is below 1; otherwise below 2 (half loss is the worst case).
  let lo = 0;
  let hi = s.loss > 0 ? 1 - 1e-12 : 2 - 1e-12;
  if (deriv(hi) > 0) return Math.min(hi * fraction, cap);
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (deriv(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.min(0.5 * (lo + hi) * fraction, cap);
}
