/**
 * Log-gamma and log-factorial.
 *
 * logGamma uses the Lanczos approximation with g = 7, n = 9 (coefficients as in Press et al., Numerical
 * Recipes 3rd ed. §6.1 / Godfrey's table), accurate to ~1e-15 relative for x > 0, and the reflection formula
 * Γ(x)Γ(1−x) = π / sin(πx) for x < 0.5. logFactorial reads a table for n < 256 (the range every count model
 * here hits) and falls back to logGamma(n + 1).
 */

const G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.91893853320467274178;

/** ln Γ(x) for real x (x not a non-positive integer). Returns Infinity at the poles. */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    if (x === Math.floor(x)) return Infinity;
    // Reflection: ln|Γ(x)| = ln π − ln|sin πx| − ln Γ(1−x)
    return Math.log(Math.PI) - Math.log(Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const TABLE_SIZE = 256;
const LOG_FACTORIAL = new Float64Array(TABLE_SIZE);
for (let i = 2; i < TABLE_SIZE; i++) LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1]! + Math.log(i);

/** ln n! for a non-negative integer n (exact summation of logs below 256, Lanczos above). */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial: n must be a non-negative integer, got ${n}`);
  return n < TABLE_SIZE ? LOG_FACTORIAL[n]! : logGamma(n + 1);
}
