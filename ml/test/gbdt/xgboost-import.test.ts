import { describe, expect, it } from 'vitest';
import { importXgboost, loadGbdt } from '../../src/gbdt/index.ts';
import { golden, goldenText } from './golden.ts';

// Golden values: XGBoost (Debian python3-xgboost, version recorded in expected.json) predictions on a held-out
// matrix with missing values, made by ml/test/golden/gbdt/make_xgboost_golden.py.
const X = golden.import.X;

describe.each(['reg', 'binary'] as const)('XGBoost %s model import', (name) => {
  const model = importXgboost(goldenText(`${name}.model.json`));
  const want = golden.import[name];

  it('was verified against the XGBoost version that wrote the files', () => {
    expect(golden.xgboost).toMatch(/^1\.7\./);
    expect(model.source).toBe(`xgboost ${golden.xgboost}`);
  });

  it('predicts like XGBoost to 1e-6 (batch and single-row paths)', () => {
    const p = model.predict(X);
    want.predict.forEach((v, i) => {
      expect(Math.abs(p[i]! - v)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(model.predictRow(X[i]!.map((x) => x ?? NaN)) - v)).toBeLessThanOrEqual(1e-6);
    });
    const m = model.predictMargin(X);
    want.margin.forEach((v, i) => expect(Math.abs(m[i]! - v)).toBeLessThanOrEqual(1e-6));
  });

  it('reports the same leaf indices', () => {
    const leaves = model.predictLeaf(X);
    const T = model.numTrees;
    want.leaf.forEach((row, r) => row.forEach((leaf, t) => expect(leaves[r * T + t]).toBe(leaf)));
  });

  it('computes the same TreeSHAP contributions as pred_contribs', () => {
    const shap = model.shap(X);
    const F = model.numFeatures;
    want.contribs.forEach((row, r) =>
      row.forEach((v, j) => expect(shap[r * (F + 1) + j]).toBeCloseTo(v, 4)),
    );
  });

  it('matches get_score importances', () => {
    const imp = model.importance();
    for (const e of imp) {
      expect(e.splits).toBe(want.importance.weight[e.feature] ?? 0);
      if (e.splits > 0) {
        expect(e.gain).toBeCloseTo(want.importance.gain[e.feature]!, 2);
        expect(e.cover).toBeCloseTo(want.importance.cover[e.feature]!, 3);
        expect(e.totalGain / want.importance.total_gain[e.feature]!).toBeCloseTo(1, 5);
      }
    }
  });

  it('survives an artifact round trip bit for bit', () => {
    const again = loadGbdt(JSON.stringify(model));
    expect(Array.from(again.predict(X))).toEqual(Array.from(model.predict(X)));
  });
});

describe('XGBoost import errors', () => {
  it('rejects a file that is not an XGBoost model', () => {
    expect(() => importXgboost('{"a":1}')).toThrow(/not an XGBoost JSON model/);
  });
  it('rejects an unsupported objective', () => {
    const m = JSON.parse(goldenText('reg.model.json'));
    m.learner.objective.name = 'rank:pairwise';
    expect(() => importXgboost(m)).toThrow(/unsupported objective 'rank:pairwise'/);
  });
});

describe('XGBoost multi:softprob and count:poisson import', () => {
  const X = golden.more.X;
  it.each(['multi', 'poisson'] as const)('%s: predictions to 1e-6 and pred_contribs to 1e-5', (name) => {
    const model = importXgboost(goldenText(`${name}.model.json`));
    const want = golden.more[name];
    const p = model.predict(X);
    expect(p.length).toBe(want.predict.length);
    want.predict.forEach((v, i) => expect(Math.abs(p[i]! - v)).toBeLessThanOrEqual(1e-6));
    const shap = model.shap(X);
    const width = want.contribs[0]!.length;
    want.contribs.forEach((row, r) => row.forEach((v, j) => expect(Math.abs(shap[r * width + j]! - v)).toBeLessThanOrEqual(1e-5)));
  });
});
