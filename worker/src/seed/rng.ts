import { numerics } from '@fairline/ml';
/** mulberry32: a tiny deterministic PRNG, so the simulated league is identical on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw for the simulated scores (ml's product method, on the seed's generator). */
export const poisson = (rand: () => number, mean: number): number => numerics.poissonByProduct(rand, mean);

/** A standard normal draw (Box–Muller, cosine branch) from a uniform generator. */
export function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
