import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../src/gbdt/index.ts';
import { friedman, lcg } from './data.ts';

describe('inference paths agree', () => {
  const { X, y } = friedman(1500, 13);
  const rand = lcg(4);
  // Missing values in training so splits learn default directions both ways.
  const Xm = X.map((row) => row.map((v) => (rand() < 0.05 ? NaN : v)));
  const model = trainGbdt({ features: Xm, label: y, params: { trees: 40, maxDepth: 5 } });
  const test = friedman(300, 14).X.map((row, i) => (i % 3 === 0 ? row.map((v, j) => (j === i % 10 ? NaN : v)) : row));

  it('batch prediction (blocked, lockstep walk) equals the single-row path, with and without NaN', () => {
    const batch = model.predict(test);
    test.forEach((row, i) => expect(batch[i]).toBe(model.predictRow(row)));
  });

  it('NaN-free blocks (heap walk, and pointer walk for trees deeper than 10) equal the single-row path', () => {
    const clean = friedman(700, 15).X;
    const deep = trainGbdt({ features: X, label: y, params: { trees: 10, maxDepth: 0, maxLeaves: 300, minChildWeight: 0.5 } });
    expect(Math.max(...deep.forest.treeDepth)).toBeGreaterThan(10);
    for (const m of [model, deep]) {
      const batch = m.predict(clean);
      clean.forEach((row, i) => expect(batch[i]).toBe(m.predictRow(row)));
    }
  });

  it('NaN-free heap walks of every depth up to 10 (unrolled by 6, 3 and 1 levels) equal the single-row path', () => {
    const clean = friedman(333, 16).X;
    const depths = new Set<number>();
    for (const maxDepth of [1, 2, 4, 6, 7, 9, 10]) {
      const m = trainGbdt({ features: X, label: y, params: { trees: 6, maxDepth, minChildWeight: 0.5 } });
      m.forest.treeDepth.forEach((d) => depths.add(d));
      const batch = m.predict(clean);
      clean.forEach((row, i) => expect(batch[i]).toBe(m.predictRow(row)));
    }
    for (const d of [1, 2, 4, 6, 7, 9, 10]) expect(depths.has(d)).toBe(true);
  });

  it('the margin is the base plus the leaf values named by predictLeaf', () => {
    const leaves = model.predictLeaf(test);
    const margin = model.predictMargin(test);
    const f = model.forest;
    const T = model.numTrees;
    test.forEach((_, r) => {
      let s = model.baseMargin[0]!;
      for (let t = 0; t < T; t++) s += f.value[f.treeRoot[t]! + leaves[r * T + t]!]!;
      expect(margin[r]).toBeCloseTo(s, 9);
    });
  });

  it('accepts the dense row-major layout and number[][] alike, and checks the width', () => {
    const values = Float64Array.from(test.flat());
    const dense = model.predict({ values, rows: test.length, cols: 10 });
    expect(Array.from(dense)).toEqual(Array.from(model.predict(test)));
    expect(() => model.predict([[1, 2, 3]])).toThrow(/expects 10/);
    expect(() => model.predictRow([1, 2])).toThrow(/expects 10/);
  });
});
