import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../src/gbdt/index.ts';
import { friedman, lcg } from './data.ts';

// Quantized histograms (packed integer gradients, quantize.ts) must train models as good as exact ones.
describe('quantized gradient histograms', () => {
  const train = friedman(12_000, 31);
  const test = friedman(3000, 32);
  const rmse = (p: ArrayLike<number>) => Math.sqrt(test.y.reduce((s, v, i) => s + (p[i]! - v) ** 2, 0) / test.y.length);
  const params = { trees: 60, maxDepth: 5, learningRate: 0.15 };

  it("squared error: 'auto' quantizes at this size and matches the exact test RMSE within 1%", () => {
    const q = trainGbdt({ features: train.X, label: train.y, params: { ...params, histogram: 'auto' } });
    const e = trainGbdt({ features: train.X, label: train.y, params: { ...params, histogram: 'exact' } });
    const rq = rmse(q.predict(test.X));
    const re = rmse(e.predict(test.X));
    expect(Math.abs(rq - re) / re).toBeLessThan(0.01);
    // Not the same trees: the quantized path really ran.
    expect(Array.from(q.predict(test.X.slice(0, 5)))).not.toEqual(Array.from(e.predict(test.X.slice(0, 5))));
  });

  it('logistic: log loss within 1% of exact, and SHAP still sums to the margin', () => {
    const rand = lcg(3);
    const y = train.f.map((v) => (rand() < 1 / (1 + Math.exp(-(v - 14) / 2.5)) ? 1 : 0));
    const yt = test.f.map((v) => (rand() < 1 / (1 + Math.exp(-(v - 14) / 2.5)) ? 1 : 0));
    const ll = (p: Float64Array) => -yt.reduce((s: number, v, i) => s + v * Math.log(p[i]!) + (1 - v) * Math.log(1 - p[i]!), 0) / yt.length;
    const q = trainGbdt({ features: train.X, label: y, params: { ...params, objective: 'logistic', histogram: 'quantized' } });
    const e = trainGbdt({ features: train.X, label: y, params: { ...params, objective: 'logistic', histogram: 'exact' } });
    expect(Math.abs(ll(q.predict(test.X)) - ll(e.predict(test.X))) / ll(e.predict(test.X))).toBeLessThan(0.01);
    const shap = q.shap(test.X.slice(0, 50));
    const margin = q.predictMargin(test.X.slice(0, 50));
    const F = 11;
    for (let r = 0; r < 50; r++) {
      let s = 0;
      for (let j = 0; j < F; j++) s += shap[r * F + j]!;
      expect(s).toBeCloseTo(margin[r]!, 9);
    }
  });

  // One tree from the (weighted) mean with learning rate 1: each leaf value is −Σg/(Σh + λ) over its rows,
  // with g = w·(ȳ_w − y) and h = w.
  const leafCheck = (w: number[] | undefined, digits: number) => {
    const X = train.X.slice(0, 2000);
    const y = train.y.slice(0, 2000);
    const m = trainGbdt({ features: X, label: y, ...(w ? { weight: w } : {}), params: { trees: 1, maxDepth: 2, histogram: 'quantized', learningRate: 1, lambda: 1 } });
    const ww = w ?? y.map(() => 1);
    const mean = y.reduce((s, v, i) => s + ww[i]! * v, 0) / ww.reduce((a, b) => a + b);
    const leaves = m.predictLeaf(X);
    const sums = new Map<number, { g: number; h: number }>();
    leaves.forEach((leaf, i) => {
      const e = sums.get(leaf) ?? { g: 0, h: 0 };
      e.g += ww[i]! * (mean - y[i]!);
      e.h += ww[i]!;
      sums.set(leaf, e);
    });
    for (const [leaf, { g, h }] of sums) expect(m.forest.value[m.forest.treeRoot[0]! + leaf]).toBeCloseTo(-g / (h + 1), digits);
  };

  it('varying hessians (weights): leaf values renewed from the exact gradients', () => {
    const rand = lcg(9);
    leafCheck(train.y.slice(0, 2000).map(() => 0.5 + 1.5 * rand()), 9);
  });

  it('constant hessian: 16-bit gradients give leaf values within 1e-5 of exact without renewal', () => {
    leafCheck(undefined, 5);
  });
});
