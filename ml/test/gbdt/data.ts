// Small seeded synthetic data sets for the GBDT tests (independent of the engine's own RNG).

/** LCG in [0, 1) — deterministic test data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Friedman #1 with `noise` extra uniform features and N(0, sd²) noise. */
export function friedman(n: number, seed: number, sd = 1, noise = 5): { X: number[][]; y: number[]; f: number[] } {
  const rand = lcg(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: 5 + noise }, rand);
    const m = 10 * Math.sin(Math.PI * x[0]! * x[1]!) + 20 * (x[2]! - 0.5) ** 2 + 10 * x[3]! + 5 * x[4]!;
    X.push(x);
    f.push(m);
    y.push(m + sd * normal(rand));
  }
  return { X, y, f };
}
