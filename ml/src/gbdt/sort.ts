/**
 * Ascending in-place sort of a Float64Array without NaN, by LSD radix sort on the IEEE-754 bits (Knuth, TAOCP
 * vol. 3, §5.2.5): a double's bits, with the sign bit flipped for positives and all bits flipped for negatives,
 * order as unsigned integers exactly like the numbers (−0 before +0, as TypedArray#sort). Four passes of 16-bit
 * digits (measured faster than six of 11 bits), a pass skipped when every key has the same digit (common in the
 * high bits of one feature's values).
 *
 * Why: the quantile sketch sorts 2^16 sampled values per feature; TypedArray#sort took ≈ 5.5 ms per feature
 * (≈ 110 ms of start-up at 20 features), this ≈ 3 ms.
 */

/** Below this length the built-in sort is cheaper than clearing four digit histograms. */
const MIN_RADIX = 4096;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Sorts a NaN-free Float64Array ascending in place (LSD radix on the IEEE-754 bits; the built-in sort below 4096
 * values or on big-endian hosts) and returns it.
 */
export function sortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < MIN_RADIX || !LITTLE_ENDIAN) return a.sort();
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]!;
    const l = words[2 * i]!;
    const neg = h >>> 31;
    // Negative: flip every bit; positive: flip the sign bit.
    hi[i] = (h ^ (neg ? 0xffffffff : 0x80000000)) >>> 0;
    lo[i] = (l ^ (neg ? 0xffffffff : 0)) >>> 0;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const shift = (pass & 1) * 16;
    if (!countDigits(pass < 2 ? lo : hi, n, shift, count)) continue;
    scatterByDigit(hi, lo, hi2, lo2, pass < 2 ? lo : hi, n, shift, count);
    const th = hi;
    hi = hi2;
    hi2 = th;
    const tl = lo;
    lo = lo2;
    lo2 = tl;
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    const neg = (h >>> 31) ^ 1;
    words[2 * i + 1] = (h ^ (neg ? 0xffffffff : 0x80000000)) >>> 0;
    words[2 * i] = (lo[i]! ^ (neg ? 0xffffffff : 0)) >>> 0;
  }
  return a;
}

/** Exclusive prefix counts of the 16-bit digit at `shift` into count; false when all keys share one digit. */
function countDigits(keys: Uint32Array, n: number, shift: number, count: Int32Array): boolean {
  count.fill(0);
  for (let i = 0; i < n; i++) count[(keys[i]! >>> shift) & 0xffff]!++;
  let sum = 0;
  for (let d = 0; d < 65536; d++) {
    const c = count[d]!;
    if (c === n) return false;
    count[d] = sum;
    sum += c;
  }
  return true;
}

/** Stable scatter of (hi, lo) pairs into (hi2, lo2) by the digit of `keys` at `shift`. */
function scatterByDigit(
  hi: Uint32Array,
  lo: Uint32Array,
  hi2: Uint32Array,
  lo2: Uint32Array,
  keys: Uint32Array,
  n: number,
  shift: number,
  count: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    const d = (keys[i]! >>> shift) & 0xffff;
    const p = count[d]!;
    count[d] = p + 1;
    hi2[p] = hi[i]!;
    lo2[p] = lo[i]!;
  }
}
