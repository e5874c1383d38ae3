/**
 * Argument checks shared by the pricing functions that validate (EV at a plain price, Kelly): a decimal price
 * must be a finite number above 1 (1 would return only the stake), a probability must lie in [0, 1].
 */

/** Throws a RangeError unless `odds` is a finite decimal price > 1. */
export function checkOdds(odds: number): void {
  if (!Number.isFinite(odds) || odds <= 1) throw new RangeError(`pricing: decimal odds must be finite and > 1, got ${odds}`);
}

/** Throws a RangeError unless `p` is a probability in [0, 1] (NaN is rejected). */
export function checkProb(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`pricing: probability must be in [0, 1], got ${p}`);
}
