import { describe, expect, it } from 'vitest';
import { ARTIFACT_TAG, loadGbdt, trainGbdt } from '../../src/gbdt/index.ts';
import { friedman } from './data.ts';

describe('model artifact', () => {
  const { X, y } = friedman(600, 9, 1, 2);
  const Xm = X.map((row, i) => (i % 7 === 0 ? [NaN, ...row.slice(1)] : row));
  const model = trainGbdt({
    features: Xm,
    featureNames: ['a', 'b', 'c', 'd', 'e', 'n1', 'n2'],
    label: y,
    valid: { features: Xm.slice(0, 100), label: y.slice(0, 100) },
    params: { trees: 30, maxDepth: 4 },
    createdAt: '2026-11-21T00:00:00.000Z',
  });
  const json = JSON.parse(JSON.stringify(model));

  it('carries tag, version and metadata', () => {
    expect(json.tag).toBe(ARTIFACT_TAG);
    expect(json.version).toBe(1);
    expect(json.meta).toMatchObject({
      featureNames: ['a', 'b', 'c', 'd', 'e', 'n1', 'n2'],
      objective: 'squared',
      createdAt: '2026-11-21T00:00:00.000Z',
      source: 'fairline',
    });
    expect(json.meta.params.trees).toBe(30);
    expect(json.meta.metrics.metric).toBe('rmse');
    expect(json.meta.metrics.history).toHaveLength(30);
    expect(json.meta.dataFingerprint).toMatch(/^fnv1a32:[0-9a-f]{8}:600x7$/);
  });

  it('round-trips to identical predictions, leaves and contributions', () => {
    const again = loadGbdt(JSON.stringify(model));
    expect(Array.from(again.predict(Xm))).toEqual(Array.from(model.predict(Xm)));
    expect(Array.from(again.predictLeaf(Xm))).toEqual(Array.from(model.predictLeaf(Xm)));
    expect(Array.from(again.shap(Xm.slice(0, 10)))).toEqual(Array.from(model.shap(Xm.slice(0, 10))));
    expect(again.featureNames).toEqual(model.featureNames);
  });

  it('fingerprints the training data', () => {
    const other = trainGbdt({ features: X, label: y, params: { trees: 1 } });
    expect(other.fingerprint).not.toBe(model.fingerprint);
  });

  it('rejects a wrong tag or version with a clear error', () => {
    expect(() => loadGbdt({ ...json, tag: 'mljs.randomforest' })).toThrow(/not a fairline.gbdt artifact \(tag is "mljs.randomforest"\)/);
    expect(() => loadGbdt({ ...json, version: 2 })).toThrow(/artifact version 2 is not supported/);
    expect(() => loadGbdt('[]')).toThrow(/not a fairline.gbdt artifact/);
  });
});
