import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../src/gbdt/index.ts';
import { friedman, lcg, normal } from './data.ts';

const rmse = (p: ArrayLike<number>, y: number[]) => Math.sqrt(y.reduce((s, v, i) => s + (p[i]! - v) ** 2, 0) / y.length);

describe('squared error on Friedman #1', () => {
  const train = friedman(3000, 1);
  const test = friedman(1000, 2);
  const model = trainGbdt({ features: train.X, label: train.y, params: { trees: 150, maxDepth: 4, learningRate: 0.1 } });

  it('gets close to the noise floor (σ = 1) on held-out data', () => {
    const p = model.predict(test.X);
    const base = rmse(new Float64Array(test.y.length).fill(train.y.reduce((a, b) => a + b) / train.y.length), test.y);
    expect(base).toBeGreaterThan(4);
    expect(rmse(p, test.y)).toBeLessThan(1.35);
  });

  it('ranks the informative features first by gain', () => {
    const imp = model.importance();
    const top = [...imp].sort((a, b) => b.totalGain - a.totalGain).slice(0, 5).map((e) => e.feature);
    expect(new Set(top)).toEqual(new Set(['f0', 'f1', 'f2', 'f3', 'f4']));
  });

  it('reports the training metric of its own predictions', () => {
    expect(model.metrics!.metric).toBe('rmse');
    expect(model.metrics!.train).toBeCloseTo(rmse(model.predict(train.X), train.y), 9);
  });
});

describe('quantile, absolute and poisson objectives', () => {
  const rand = lcg(7);
  const X: number[][] = [];
  const y: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const x = [rand(), rand()];
    X.push(x);
    // Heteroscedastic: the spread grows with x0, so quantiles differ from the mean in shape.
    y.push(2 * x[1]! + (0.2 + x[0]!) * normal(rand));
    const rate = Math.exp(0.3 + 1.5 * x[0]!);
    let k = 0;
    for (let t = Math.exp(-rate), p = rand(), c = t; p > c; k++) c += t *= rate / (k + 1);
    counts.push(k);
  }

  it('quantile α = 0.9 covers about 90% of fresh rows', () => {
    const m = trainGbdt({ features: X, label: y, params: { objective: 'quantile', alpha: 0.9, trees: 100, maxDepth: 3 } });
    const r2 = lcg(99);
    let below = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const x = [r2(), r2()];
      const yy = 2 * x[1]! + (0.2 + x[0]!) * normal(r2);
      if (yy <= m.predictRow(x)) below++;
    }
    expect(below / n).toBeGreaterThan(0.87);
    expect(below / n).toBeLessThan(0.93);
  });

  it('absolute error tracks the conditional median', () => {
    const m = trainGbdt({ features: X, label: y, params: { objective: 'absolute', trees: 100, maxDepth: 3 } });
    const p = m.predict([[0.5, 0.25], [0.5, 0.75]]);
    expect(p[0]).toBeCloseTo(0.5, 0);
    expect(p[1]).toBeCloseTo(1.5, 0);
  });

  it('poisson recovers the rate exp(0.3 + 1.5·x0)', () => {
    const m = trainGbdt({ features: X, label: counts, params: { objective: 'poisson', trees: 150, maxDepth: 2 } });
    for (const x0 of [0.2, 0.5, 0.8]) {
      expect(m.predictRow([x0, 0.5]) / Math.exp(0.3 + 1.5 * x0)).toBeGreaterThan(0.85);
      expect(m.predictRow([x0, 0.5]) / Math.exp(0.3 + 1.5 * x0)).toBeLessThan(1.15);
    }
    const mean = counts.reduce((a, b) => a + b) / counts.length;
    const pm = m.predict(X).reduce((a, b) => a + b) / X.length;
    expect(pm / mean).toBeCloseTo(1, 1);
  });
});

describe('classification', () => {
  it('binary logistic beats the constant model and returns probabilities', () => {
    const { X, f } = friedman(3000, 3, 0);
    const rand = lcg(5);
    const y: number[] = f.map((v) => (rand() < 1 / (1 + Math.exp(-(v - 14) / 2.5)) ? 1 : 0));
    const m = trainGbdt({ features: X, label: y, params: { objective: 'logistic', trees: 100, maxDepth: 3 } });
    const p = m.predict(X);
    const mean = y.reduce((a: number, b) => a + b, 0) / y.length;
    const ll = (q: (i: number) => number) => -y.reduce((s, v, i) => s + v * Math.log(q(i)) + (1 - v) * Math.log(1 - q(i)), 0) / y.length;
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
    expect(ll((i) => p[i]!)).toBeLessThan(0.8 * ll(() => mean));
  });

  it('softmax separates three classes and its probabilities sum to one', () => {
    const rand = lcg(11);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const c = i % 3;
      X.push([c + 0.3 * normal(rand), rand()]); // Bayes accuracy ≈ 0.93
      y.push(c);
    }
    const m = trainGbdt({ features: X, label: y, params: { objective: 'softmax', trees: 40, maxDepth: 3 } });
    expect(m.numOutputs).toBe(3);
    expect(m.numTrees).toBe(120);
    const p = m.predict(X);
    let correct = 0;
    for (let i = 0; i < X.length; i++) {
      expect(p[3 * i]! + p[3 * i + 1]! + p[3 * i + 2]!).toBeCloseTo(1, 12);
      const probs = new Float64Array(3);
      if (m.predictRow(X[i]!, probs) === y[i]) correct++;
      expect(probs[0]).toBeCloseTo(p[3 * i]!, 12);
    }
    expect(correct / X.length).toBeGreaterThan(0.9);
  });
});

describe('tree growth controls', () => {
  const { X, y } = friedman(2000, 4);

  it('monotone constraints give monotone predictions along the constrained features', () => {
    const m = trainGbdt({ features: X, label: y, params: { trees: 60, maxDepth: 4, monotone: [1, 0, 0, 1, -1, 0, 0, 0, 0, 0] } });
    const rand = lcg(3);
    for (let trial = 0; trial < 30; trial++) {
      const base = Array.from({ length: 10 }, rand);
      for (const [f, sign] of [[0, 1], [3, 1], [4, -1]] as const) {
        let prev = sign * -Infinity;
        for (let v = 0; v <= 1.0001; v += 0.02) {
          const p = m.predictRow(base.map((b, j) => (j === f ? v : b)));
          if (sign > 0) expect(p).toBeGreaterThanOrEqual(prev - 1e-12);
          else expect(p).toBeLessThanOrEqual(prev + 1e-12);
          prev = p;
        }
      }
    }
    // Without the constraint, f4 (true effect +5·x4) would rise; constrained decreasing, it must stay flat.
    const lo = m.predictRow([0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0]);
    const hi = m.predictRow([0.5, 0.5, 0.5, 0.5, 1, 0, 0, 0, 0, 0]);
    expect(hi).toBeLessThanOrEqual(lo);
  });

  it('leaf-wise growth respects maxLeaves; depth-wise respects maxDepth', () => {
    const lw = trainGbdt({ features: X, label: y, params: { trees: 10, maxLeaves: 8, maxDepth: 0 } });
    const dw = trainGbdt({ features: X, label: y, params: { trees: 10, maxDepth: 3 } });
    for (let t = 0; t < 10; t++) {
      const leaves = (m: typeof lw) => m.toJSON().trees[t]!.feature.filter((f) => f < 0).length;
      expect(leaves(lw)).toBeLessThanOrEqual(8);
      expect(leaves(lw)).toBeGreaterThan(4);
      expect(dw.forest.treeDepth[t]).toBeLessThanOrEqual(3);
    }
  });

  it('minChildWeight and gamma shrink the trees', () => {
    const nodes = (p: object) => trainGbdt({ features: X, label: y, params: { trees: 5, maxDepth: 6, ...p } }).forest.feature.length;
    expect(nodes({ minChildWeight: 200 })).toBeLessThan(nodes({}));
    expect(nodes({ gamma: 50 })).toBeLessThan(nodes({}));
    const m = trainGbdt({ features: X, label: y, params: { trees: 5, maxDepth: 6, minChildWeight: 50 } });
    m.forest.cover.forEach((c) => expect(c).toBeGreaterThanOrEqual(50));
  });

  it('row and column subsampling are deterministic per seed', () => {
    const run = (seed: number) => trainGbdt({ features: X, label: y, params: { trees: 20, subsample: 0.7, colsample: 0.5, seed } }).predict(X.slice(0, 50));
    expect(Array.from(run(1))).toEqual(Array.from(run(1)));
    expect(Array.from(run(1))).not.toEqual(Array.from(run(2)));
  });

  it('early stopping keeps the best round on the validation set', () => {
    const rand = lcg(8);
    const noise = X.map(() => normal(rand));
    const valid = { features: X.slice(0, 500), label: X.slice(0, 500).map(() => normal(rand)) };
    const m = trainGbdt({ features: X, label: noise, valid, params: { trees: 200, learningRate: 0.3, earlyStoppingRounds: 5 } });
    const met = m.metrics!;
    expect(met.rounds).toBeLessThan(200);
    expect(met.rounds - met.bestRound).toBe(5);
    expect(m.numTrees).toBe(met.bestRound);
    expect(met.valid).toBe(Math.min(...met.history.map((h) => h.valid)));
  });

  it('integer weights equal duplicated rows', () => {
    const rand = lcg(2);
    const Xs = Array.from({ length: 300 }, () => [Math.floor(rand() * 20), Math.floor(rand() * 7)]);
    const ys = Xs.map((x) => x[0]! * 0.3 - x[1]! + normal(rand));
    const w = Xs.map((_, i) => (i % 3 === 0 ? 2 : 1));
    const Xd = Xs.flatMap((x, i) => (w[i] === 2 ? [x, x] : [x]));
    const yd = ys.flatMap((v, i) => (w[i] === 2 ? [v, v] : [v]));
    const p = { trees: 20, maxDepth: 3 };
    const a = trainGbdt({ features: Xs, label: ys, weight: w, params: p }).predict(Xs);
    const b = trainGbdt({ features: Xd, label: yd, params: p }).predict(Xs);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 9));
  });

  it('learns where missing values go', () => {
    const rand = lcg(12);
    const Xm: number[][] = [];
    const ym: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const miss = rand() < 0.3;
      const x = rand();
      Xm.push([miss ? NaN : x]);
      ym.push(miss ? 5 : x);
    }
    const m = trainGbdt({ features: Xm, label: ym, params: { trees: 50, maxDepth: 3 } });
    expect(m.predictRow([NaN])).toBeCloseTo(5, 1);
    expect(m.predictRow([0.2])).toBeCloseTo(0.2, 1);
  });

  it('rejects bad parameters with the parameter name', () => {
    expect(() => trainGbdt({ features: X, label: y, params: { maxBins: 300 } })).toThrow(/maxBins/);
    expect(() => trainGbdt({ features: X, label: y, params: { subsample: 0 } })).toThrow(/subsample/);
    expect(() => trainGbdt({ features: X, label: y, params: { monotone: [1] } })).toThrow(/monotone/);
    expect(() => trainGbdt({ features: X, label: y.slice(1) })).toThrow(/labels for/);
  });
});

describe('quantile loss with monotone constraints', () => {
  it('keeps refitted leaves monotone and still covers about α of the rows', () => {
    const rand = lcg(17);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = [rand(), rand()];
      X.push(x);
      // Increasing in x0 on average, but with a bump the constraint must flatten.
      y.push(3 * x[0]! - 2 * Math.exp(-((x[0]! - 0.5) ** 2) / 0.005) + x[1]! + 0.5 * normal(rand));
    }
    const m = trainGbdt({ features: X, label: y, params: { objective: 'quantile', alpha: 0.8, trees: 80, maxDepth: 4, monotone: [1, 0] } });
    const r2 = lcg(5);
    for (let trial = 0; trial < 20; trial++) {
      const x1 = r2();
      let prev = -Infinity;
      for (let v = 0; v <= 1.0001; v += 0.01) {
        const p = m.predictRow([v, x1]);
        expect(p).toBeGreaterThanOrEqual(prev - 1e-12);
        prev = p;
      }
    }
    const p = m.predict(X);
    const covered = y.filter((v, i) => v <= p[i]!).length / y.length;
    expect(covered).toBeGreaterThan(0.75);
    expect(covered).toBeLessThan(0.85);
  });
});
