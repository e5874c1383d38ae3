import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../src/gbdt/index.ts';
import { golden } from './golden.ts';

// Training parity with XGBoost hist: with < 256 distinct values per feature both engines put a bin on every
// value, so the same rows fall on each side of every candidate split and the trees must coincide.
// Golden: XGBoost 1.7 (make_xgboost_golden.py, section `parity`).
describe('training parity with XGBoost hist (squared error)', () => {
  const g = golden.parity;
  it('reproduces XGBoost predictions on the training rows', () => {
    const model = trainGbdt({ features: g.X, label: g.y, params: { ...g.params, baseScore: g.baseScore } });
    const p = model.predict(g.X);
    // XGBoost keeps gradients in float32 and sums leaves in float32: agreement is to float32 round-off.
    g.predict.forEach((v, i) => expect(Math.abs(p[i]! - v)).toBeLessThan(1e-5));
  });
});
