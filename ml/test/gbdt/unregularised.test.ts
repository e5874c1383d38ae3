import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../src/gbdt/index.ts';
import { lcg, normal } from './data.ts';

// λ = 0 and min child weight 0 are legal settings; a leaf that no training row reaches then has G = H = 0, and its
// weight −G/(H+λ) was 0/0 = NaN — harmless for predictions of rows like the training ones, but it made every
// TreeSHAP value NaN (the expectations weigh every leaf) and would answer NaN for a row routed there.
describe('unregularised trees (λ = 0, min child weight 0)', () => {
  const rand = lcg(3);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    const x = [rand(), rand() < 0.2 ? NaN : rand(), Math.floor(rand() * 3)];
    X.push(x);
    y.push(x[0]! * 3 + x[2]! + 0.1 * normal(rand));
  }
  for (const objective of ['squared', 'softmax'] as const) {
    it(`${objective}: every leaf weight and every TreeSHAP value is finite`, () => {
      const label = objective === 'softmax' ? y.map((v) => (v < 1 ? 0 : v < 2.5 ? 1 : 2)) : y;
      const params = { objective, ...(objective === 'softmax' ? { numClass: 3 } : {}), trees: 20, maxDepth: 6, lambda: 0, minChildWeight: 0 };
      const m = trainGbdt({ features: X, label, params });
      expect([...m.forest.value].filter((v) => !Number.isFinite(v))).toEqual([]);
      expect([...m.shap(X.slice(0, 50))].filter((v) => !Number.isFinite(v))).toEqual([]);
      expect([...m.predictMargin([[0.5, NaN, 1], [2, -1, 7]])].every(Number.isFinite)).toBe(true);
    });
  }
});
