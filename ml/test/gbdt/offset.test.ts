import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../src/gbdt/index.ts';

/** Rows whose class depends on x, with a per-row offset that already knows half of it. */
function data(n: number) {
  const features: number[][] = [];
  const label: number[] = [];
  const offset: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = (i % 97) / 97;
    features.push([x]);
    label.push(x < 0.33 ? 0 : x < 0.66 ? 1 : 2);
    offset.push(x < 0.5 ? 1 : 0, 0, x < 0.5 ? 0 : 1);
  }
  return { features, label, offset };
}

describe('gbdt offset (init score)', () => {
  const d = data(600);

  it('starts boosting from the offset: the model itself has a zero base margin and learns only the correction', () => {
    const m = trainGbdt({ ...d, params: { objective: 'softmax', numClass: 3, trees: 30, maxDepth: 2 }, createdAt: 'x' });
    expect(Array.from(m.baseMargin)).toEqual([0, 0, 0]);
    const plain = trainGbdt({ features: d.features, label: d.label, params: { objective: 'softmax', numClass: 3, trees: 30, maxDepth: 2 }, createdAt: 'x' });
    // Same data, different starting point → different trees.
    expect(Array.from(m.predictMargin(d.features))).not.toEqual(Array.from(plain.predictMargin(d.features)));
    // The training metric is computed with the offset: better than the offset alone.
    const alone = d.label.reduce((s, y, i) => {
      const z = d.offset.slice(3 * i, 3 * i + 3).map(Math.exp);
      return s - Math.log(z[y]! / (z[0]! + z[1]! + z[2]!));
    }, 0) / d.label.length;
    expect(m.metrics!.train).toBeLessThan(alone);
  });

  it('needs the offset on the validation set too, and one value per row and class', () => {
    const params = { objective: 'softmax' as const, numClass: 3, trees: 3 };
    expect(() => trainGbdt({ ...d, params, valid: { features: d.features, label: d.label } })).toThrow(/validation set needs an offset/);
    expect(() => trainGbdt({ ...d, offset: d.offset.slice(1), params })).toThrow(/offset needs 600 × 3/);
    const ok = trainGbdt({ ...d, params, valid: { features: d.features, label: d.label, offset: d.offset }, createdAt: 'x' });
    expect(ok.metrics!.valid).toBeCloseTo(ok.metrics!.train, 12);
  });
});
