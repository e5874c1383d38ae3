/** Price conversions. Decimal odds are what we store; a decimal price must be > 1. */

/** American odds → decimal: +150 → 2.5, −110 → 1.909…; |a| < 100 is not a valid American price (null). */
export function americanToDecimal(a: number): number | null {
  if (!Number.isFinite(a) || Math.abs(a) < 100) return null;
  return a > 0 ? 1 + a / 100 : 1 + 100 / -a;
}

/** A storable decimal price: finite, above 1 (a stake back plus something) and below 10,000. */
export function isValidDecimal(p: number): boolean {
  return Number.isFinite(p) && p > 1 && p < 10_000;
}
