import { describe, expect, it } from 'vitest';
import { makeObjective } from '../../src/gbdt/objectives.ts';
import type { ObjectiveName } from '../../src/gbdt/types.ts';

// Per-row losses written out independently of the implementation, to check g (and h where it is the true
// second derivative) by central finite differences.
const losses: Record<string, (y: number, f: number) => number> = {
  squared: (y, f) => 0.5 * (f - y) ** 2,
  logistic: (y, f) => Math.log1p(Math.exp(f)) - y * f,
  poisson: (y, f) => Math.exp(f) - y * f,
  quantile: (y, f) => (y - f >= 0 ? 0.8 * (y - f) : (0.8 - 1) * (y - f)),
};

describe('objective derivatives match finite differences of the loss', () => {
  const ys = [0, 1, 0, 3, 1];
  const fs = [-0.7, 0.3, 1.2, 0.9, -2];
  for (const name of ['squared', 'logistic', 'poisson', 'quantile'] as ObjectiveName[]) {
    it(name, () => {
      const obj = makeObjective(name, { alpha: 0.8 });
      const y = Float64Array.from(name === 'logistic' ? ys.map((v) => Math.min(v, 1)) : ys);
      const pred = Float64Array.from(fs);
      const gh = new Float64Array(2 * y.length);
      obj.gradients(y, undefined, pred, 0, gh);
      const eps = 1e-5;
      y.forEach((yi, i) => {
        const L = (f: number) => losses[name]!(yi, f);
        const fi = pred[i]!;
        expect(gh[2 * i]).toBeCloseTo((L(fi + eps) - L(fi - eps)) / (2 * eps), 5);
        const h2 = (L(fi + eps) - 2 * L(fi) + L(fi - eps)) / (eps * eps);
        if (name === 'squared' || name === 'logistic') expect(gh[2 * i + 1]).toBeCloseTo(h2, 3);
        // Poisson's hessian is inflated by exp(0.7) (XGBoost's max_delta_step safeguard).
        if (name === 'poisson') expect(gh[2 * i + 1]! / h2).toBeCloseTo(Math.exp(0.7), 3);
      });
    });
  }

  it('softmax gradient is p − onehot and the hessian 2p(1−p) (XGBoost)', () => {
    const obj = makeObjective('softmax', { numClass: 3 });
    const pred = Float64Array.of(0.2, -0.1, 0.5);
    const gh = new Float64Array(2);
    const z = [0.2, -0.1, 0.5].map(Math.exp);
    const s = z[0]! + z[1]! + z[2]!;
    for (let k = 0; k < 3; k++) {
      obj.gradients(Float64Array.of(2), undefined, pred, k, gh);
      const p = z[k]! / s;
      expect(gh[0]).toBeCloseTo(p - (k === 2 ? 1 : 0), 12);
      expect(gh[1]).toBeCloseTo(2 * p * (1 - p), 12);
    }
  });
});

describe('initial margins are the best constant', () => {
  it('logistic: logit of the mean; poisson: log of the mean; quantile: the α-quantile', () => {
    const y = Float64Array.of(1, 0, 0, 1, 1);
    expect(makeObjective('logistic').baseMargin(y, undefined, undefined)[0]).toBeCloseTo(Math.log(0.6 / 0.4), 12);
    expect(makeObjective('poisson').baseMargin(Float64Array.of(1, 2, 6), undefined, undefined)[0]).toBeCloseTo(Math.log(3), 12);
    const q = makeObjective('quantile', { alpha: 0.8 }).baseMargin(Float64Array.of(5, 1, 4, 2, 3), undefined, undefined)[0];
    expect(q).toBe(4);
  });

  it('rejects labels outside the objective domain', () => {
    expect(() => makeObjective('logistic').checkLabels(Float64Array.of(0, 2))).toThrow(/must be in \[0, 1\]/);
    expect(() => makeObjective('poisson').checkLabels(Float64Array.of(-1))).toThrow(/≥ 0/);
    expect(() => makeObjective('softmax', { numClass: 3 }).checkLabels(Float64Array.of(0, 1.5))).toThrow(/integer in 0..2/);
  });
});
