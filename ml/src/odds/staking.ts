/**
 * Expected value and Kelly staking (Kelly 1956, "A new interpretation of information rate"; Thorp 2006,
 * "The Kelly criterion in blackjack, sports betting and the stock market" for fractional Kelly).
 *
 * For a bet at decimal odds o with win probability p, the growth-optimal stake as a fraction of bankroll is
 * f* = (p·o − 1)/(o − 1) when positive, else 0. Fractional Kelly scales f* down (lower variance, robust to
 * over-confident p); a cap bounds any single stake.
 */

function checkOdds(odds: number): void {
  if (!Number.isFinite(odds) || odds <= 1) throw new RangeError(`staking: decimal odds must be finite and > 1, got ${odds}`);
}
function checkProb(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`staking: probability must be in [0, 1], got ${p}`);
}

/** Expected profit per unit staked: p·o − 1. */
export function expectedValue(p: number, odds: number): number {
  checkProb(p);
  checkOdds(odds);
  return p * odds - 1;
}

export interface KellyOptions {
  /** Multiplier on the full-Kelly stake (e.g. 0.25 for quarter Kelly). Default 1. */
  fraction?: number;
  /** Largest stake as a fraction of bankroll. Default 1. */
  cap?: number;
}

/** Kelly stake as a fraction of bankroll (0 when the bet has no edge). */
export function kellyStake(p: number, odds: number, options: KellyOptions = {}): number {
  checkProb(p);
  checkOdds(odds);
  const fraction = options.fraction ?? 1;
  const cap = options.cap ?? 1;
  if (!(fraction >= 0) || !(cap >= 0)) throw new RangeError('staking: fraction and cap must be ≥ 0');
  const full = (p * odds - 1) / (odds - 1);
  return full > 0 ? Math.min(full * fraction, cap) : 0;
}

/** Settlement probabilities of a bet that can push or half-settle (Asian lines). */
export interface SettlementProbabilities {
  win: number;
  halfWin: number;
  push: number;
  halfLoss: number;
  loss: number;
}

/** Expected profit per unit for an Asian-line bet at decimal odds o. */
export function expectedValueAsian(s: SettlementProbabilities, odds: number): number {
  checkOdds(odds);
  return (s.win + s.halfWin / 2) * (odds - 1) - s.loss - s.halfLoss / 2;
}

/**
 * Kelly stake for an Asian-line bet: maximises E[ln(1 + f·r)] over the five settlement returns
 * r ∈ {o−1, (o−1)/2, 0, −½, −1}. The derivative is decreasing in f, so bisection finds the root.
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
