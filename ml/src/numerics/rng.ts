/**
 * A seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 * generators"), seeded through splitmix32 so any 32-bit seed gives a well-mixed state. Deterministic across
 * runtimes (only 32-bit integer ops), which is what reproducible simulations and tests need.
 */

export interface Rng {
  /** Next raw 32-bit unsigned integer of the stream (what the other draws are built from). */
  u32(): number;
  /** Uniform in [0, 1) with 53-bit resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Poisson(λ) draw by Knuth's product-of-uniforms method (exact; O(λ) time, so limited to λ ≤ 30). */
  poisson(lambda: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Create a seeded xoshiro128** generator. */
export function createRng(seed: number): Rng {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const u32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  const next = (): number => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
  return {
    u32,
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    poisson: (lambda) => poissonByProduct(next, lambda),
  };
}

/**
 * A Poisson(λ) draw by the product-of-uniforms method (Knuth, TAOCP vol. 2, 3.4.1): count how many uniforms
 * multiply before the product falls to e^−λ. Exact, and cheap for the small means of goals and counts; λ ≤ 30.
 */
export function poissonByProduct(next: () => number, lambda: number): number {
  if (!(lambda >= 0)) throw new RangeError(`poisson: λ must be ≥ 0, got ${lambda}`);
  if (lambda > 30) throw new RangeError('poisson: λ > 30 not supported by the product method');
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
