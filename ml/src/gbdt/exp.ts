/**
 * e^x for the objectives' per-row link functions (sigmoid, softmax, Poisson): table-driven exp after Tang,
 * "Table-driven implementation of the exponential function in IEEE floating-point arithmetic" (ACM TOMS 15,
 * 1989). x = (64m + j)·ln2/64 + r with |r| ≤ ln2/128 (Cody–Waite two-part ln2/64, the high part short enough
 * that k·HI is exact), e^x = 2^m · 2^(j/64) · p(r) with p the degree-6 Taylor polynomial (truncation < 1e-19).
 * Measured error against Math.exp on |x| ≤ 20: ≤ 4e-16 relative (≈ 2 ulp). Outside ±700 (overflow/underflow
 * territory), NaN and ±∞ defer to Math.exp.
 *
 * Why: V8's Math.exp is an out-of-line C call (≈ 10 ns in a loop); the logistic gradients spent ≈ 0.7 s of a
 * 5 s training on 200k rows × 200 trees there. This runs ≈ 2.2× faster.
 */
const INV = 64 / Math.LN2;
/** ln2/64 split: HI has 24 significant bits (k·HI exact for |k| < 2^29), LO the rest including ln2's tail. */
const HI = Math.fround(Math.LN2) / 64;
const LO = (Math.LN2 - Math.fround(Math.LN2)) / 64 + 2.3190468138462996e-17 / 64;
/** 2^(j/64), j = 0..63. */
const T64 = Float64Array.from({ length: 64 }, (_, j) => 2 ** (j / 64));
/** 2^m for m = −1024..1023 (2^m with m < −1022 is subnormal, exact). */
const P2 = Float64Array.from({ length: 2048 }, (_, i) => 2 ** (i - 1024));

/** e^x to ≈ 2 ulp, ≈ 2.2× faster than Math.exp (Tang 1989; see the file comment); Math.exp itself outside ±700. */
export function fastExp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x);
  const k = Math.floor(x * INV + 0.5);
  const r = x - k * HI - k * LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return P2[(k >> 6) + 1024]! * T64[k & 63]! * p;
}
