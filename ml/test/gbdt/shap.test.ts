import { describe, expect, it } from 'vitest';
import { trainGbdt, type Forest } from '../../src/gbdt/index.ts';
import { lcg, normal } from './data.ts';

/**
 * Reference: Shapley values by enumerating all feature subsets, with the value function v(S) = E[f(x) | x_S]
 * estimated from the tree covers (Lundberg et al. 2018, Algorithm 1 "EXPVALUE"): exponential, but independent
 * of the polynomial-time path algorithm under test.
 */
function expValue(f: Forest, x: number[], inS: boolean[], nd: number): number {
  const j = f.feature[nd]!;
  if (j < 0) return f.value[nd]!;
  const l = f.children[2 * nd]!;
  const r = f.children[2 * nd + 1]!;
  if (inS[j]) {
    const v = x[j]!;
    const left = Number.isNaN(v) ? f.defaultLeft[nd] === 1 : v < f.threshold[nd]!;
    return expValue(f, x, inS, left ? l : r);
  }
  return (f.cover[l]! * expValue(f, x, inS, l) + f.cover[r]! * expValue(f, x, inS, r)) / f.cover[nd]!;
}

function bruteShap(f: Forest, x: number[]): number[] {
  const M = x.length;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const v = (mask: number) => {
    const inS = Array.from({ length: M }, (_, j) => ((mask >> j) & 1) === 1);
    let s = 0;
    for (let t = 0; t < f.treeRoot.length; t++) s += expValue(f, x, inS, f.treeRoot[t]!);
    return s;
  };
  const phi = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if ((mask >> i) & 1) continue;
      let size = 0;
      for (let j = 0; j < M; j++) size += (mask >> j) & 1;
      phi[i]! += ((fact(size) * fact(M - size - 1)) / fact(M)) * (v(mask | (1 << i)) - v(mask));
    }
  }
  return phi;
}

describe('TreeSHAP', () => {
  const rand = lcg(21);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 800; i++) {
    const x = [rand(), rand(), rand(), rand()];
    if (rand() < 0.1) x[2] = NaN;
    X.push(x);
    y.push(x[0]! * x[1]! * 4 + (Number.isNaN(x[2]!) ? 1 : x[2]!) - x[3]! + 0.1 * normal(rand));
  }
  const model = trainGbdt({ features: X, label: y, params: { trees: 12, maxDepth: 4, learningRate: 0.3 } });

  it('equals the brute-force Shapley values of the cover-weighted conditional expectation', () => {
    const shap = model.shap(X.slice(0, 15));
    for (let r = 0; r < 15; r++) {
      const want = bruteShap(model.forest, X[r]!);
      want.forEach((v, j) => expect(shap[r * 5 + j]).toBeCloseTo(v, 10));
    }
  });

  it('contributions sum to the margin; the last column is the expected value', () => {
    const shap = model.shap(X);
    const margin = model.predictMargin(X);
    const bias = shap[4]!;
    for (let r = 0; r < X.length; r++) {
      let s = 0;
      for (let j = 0; j < 5; j++) s += shap[r * 5 + j]!;
      expect(s).toBeCloseTo(margin[r]!, 10);
      expect(shap[r * 5 + 4]).toBe(bias);
    }
    // The expected value is the cover-weighted mean prediction: with unit hessians (squared error), the mean
    // of the model's predictions over its training rows.
    expect(bias).toBeCloseTo(margin.reduce((a, b) => a + b) / X.length, 10);
  });

  it('softmax: one block of contributions per class, each summing to that class margin', () => {
    const labels = X.map((x) => (x[0]! < 0.33 ? 0 : x[0]! < 0.66 ? 1 : 2));
    const m = trainGbdt({ features: X, label: labels, params: { objective: 'softmax', trees: 5, maxDepth: 3 } });
    const shap = m.shap(X.slice(0, 20));
    const margin = m.predictMargin(X.slice(0, 20));
    for (let r = 0; r < 20; r++) {
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (let j = 0; j < 5; j++) s += shap[(r * 3 + k) * 5 + j]!;
        expect(s).toBeCloseTo(margin[r * 3 + k]!, 10);
      }
    }
  });
});
