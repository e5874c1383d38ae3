import { describe, expect, it } from 'vitest';
import { meanLogLoss } from '../../../src/metrics/index.ts';
import {
  FEATURE_NAMES,
  calibration1x2,
  explainSoccerEnsemble,
  loadSoccerEnsemble,
  predictSoccerEnsemble,
  rawProbabilities,
  trainSoccerEnsemble,
  type FeatureRow,
} from '../../../src/soccer/ensemble/index.ts';

/** Deterministic uniform stream. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/**
 * Synthetic rows: the true 1X2 depends on an Elo-like feature; the `dc` forecast given to the model is that truth
 * made overconfident (probabilities sharpened), so a correct model must soften it; the market is the truth.
 */
function rows(n: number, seed: number): FeatureRow[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const z = (u() - 0.5) * 3;
    const truth = softmax([0.25 + z, 0, -z]);
    const dc = softmax([2 * (0.25 + z), 0, -2 * z]);
    const r = u();
    const outcome = r < truth[0] ? 0 : r < truth[0] + truth[1] ? 1 : 2;
    const features = new Float64Array(FEATURE_NAMES.length).fill(NaN);
    features[FEATURE_NAMES.indexOf('elo_diff')] = z;
    features[FEATURE_NAMES.indexOf('dc_home')] = dc[0];
    features[FEATURE_NAMES.indexOf('dc_away')] = dc[2];
    features[FEATURE_NAMES.indexOf('mkt_home')] = truth[0];
    return { day: i, home: `H${i % 20}`, away: `A${i % 20}`, features, dc, preClose: truth, closing: truth, outcome };
  });
}

function softmax(m: number[]): [number, number, number] {
  const e = m.map((v) => Math.exp(v));
  const s = e[0]! + e[1]! + e[2]!;
  return [e[0]! / s, e[1]! / s, e[2]! / s];
}

const train = rows(3000, 1);
const fresh = rows(3000, 2);
const outcomes = fresh.map((r) => r.outcome!);

describe('soccer ensemble training', () => {
  const artifact = trainSoccerEnsemble({ rows: train, variant: 'model', params: { trees: 60 }, createdAt: '2026-01-01T00:00:00.000Z' });
  const loaded = loadSoccerEnsemble(JSON.parse(JSON.stringify(artifact)));

  it('learns to correct an overconfident baseline (better log loss than the baseline on fresh rows)', () => {
    const p = fresh.map((r) => predictSoccerEnsemble(loaded, r));
    for (const q of p) {
      expect(q[0] + q[1] + q[2]).toBeCloseTo(1, 12);
      for (const v of q) expect(v).toBeGreaterThan(0.005);
    }
    expect(meanLogLoss(p, outcomes)).toBeLessThan(meanLogLoss(fresh.map((r) => r.dc), outcomes) - 0.02);
  });

  it('calibrates out of sample: an isotonic step on a crippled GBDT still fixes the baseline\'s overconfidence', () => {
    // One tiny tree cannot undo the sharpening; the calibrator (fitted on cross-fitted predictions) must.
    const weak = loadSoccerEnsemble(trainSoccerEnsemble({ rows: train, variant: 'model', params: { trees: 1, learningRate: 0.01 }, calibrationWeight: 1, createdAt: 'x' }));
    const raw = fresh.map((r) => rawProbabilities(weak, r));
    const cal = fresh.map((r) => predictSoccerEnsemble(weak, r));
    const eceRaw = calibration1x2(raw, outcomes).map((c) => c.ece);
    const eceCal = calibration1x2(cal, outcomes).map((c) => c.ece);
    expect(eceCal[0]!).toBeLessThan(eceRaw[0]! / 2);
    expect(meanLogLoss(cal, outcomes)).toBeLessThan(meanLogLoss(raw, outcomes));
    for (const c of calibration1x2(cal, outcomes)) expect(c.ece).toBeLessThan(3 * c.floor);
    // The calibration weight mixes the isotonic map with the raw forecast: 0 leaves it alone, ½ goes halfway.
    const none = loadSoccerEnsemble({ ...weak.artifact, calibrationWeight: 0 });
    const half = loadSoccerEnsemble({ ...weak.artifact, calibrationWeight: 0.5 });
    fresh.slice(0, 20).forEach((r, i) => {
      const p0 = predictSoccerEnsemble(none, r);
      p0.forEach((v, k) => expect(v).toBeCloseTo(raw[i]![k]!, 12));
      predictSoccerEnsemble(half, r).forEach((v, k) => expect(v).toBeCloseTo((raw[i]![k]! + cal[i]![k]!) / 2, 12));
    });
  });

  it('round-trips through JSON with identical predictions', () => {
    const again = loadSoccerEnsemble(JSON.stringify(artifact));
    const direct = loadSoccerEnsemble(artifact);
    for (const r of fresh.slice(0, 50)) expect(predictSoccerEnsemble(again, r)).toEqual(predictSoccerEnsemble(direct, r));
    expect(again.artifact.featureNames.some((f) => f.startsWith('mkt_'))).toBe(false);
    // The drift profile covers every feature a stored row carries, market columns included.
    expect(again.artifact.featureProfile!.names).toEqual([...FEATURE_NAMES]);
  });

  it('keeps market inputs out of the model variant and uses them in the ensemble variant', () => {
    const r = fresh[0]!;
    const moved: FeatureRow = { ...r, preClose: [0.9, 0.05, 0.05], features: Float64Array.from(r.features) };
    moved.features[FEATURE_NAMES.indexOf('mkt_home')] = 0.9;
    expect(predictSoccerEnsemble(loaded, moved)).toEqual(predictSoccerEnsemble(loaded, r));
    const ens = loadSoccerEnsemble(trainSoccerEnsemble({ rows: train, variant: 'ensemble', params: { trees: 30 }, createdAt: 'x' }));
    expect(ens.artifact.offset).toBe('market');
    // The ensemble learns corrections of the market only from matches that had one.
    const mixed = train.map((x, i) => (i % 3 === 0 ? { ...x, preClose: null } : x));
    const a = trainSoccerEnsemble({ rows: mixed, variant: 'ensemble', params: { trees: 2 }, createdAt: 'x' });
    expect(a.trainedOn.rows).toBe(mixed.filter((x) => x.preClose).length);
    expect(trainSoccerEnsemble({ rows: mixed, variant: 'model', params: { trees: 2 }, createdAt: 'x' }).trainedOn.rows).toBe(3000);
    expect(predictSoccerEnsemble(ens, moved)).not.toEqual(predictSoccerEnsemble(ens, r));
  });

  it('refuses malformed artifacts with a clear error', () => {
    expect(() => loadSoccerEnsemble({ ...artifact, tag: 'other' })).toThrow(/wrong tag/);
    expect(() => loadSoccerEnsemble({ ...artifact, version: 2 })).toThrow(/version/);
    expect(() => loadSoccerEnsemble({ ...artifact, featureNames: [...artifact.featureNames.slice(1), 'mkt_home'] })).toThrow(/not a model feature/);
    expect(() => loadSoccerEnsemble({ ...artifact, offset: 'market' })).toThrow(/cannot start from the market/);
    expect(() => loadSoccerEnsemble({ ...artifact, calibrationWeight: 1.5 })).toThrow(/calibrationWeight/);
    expect(() => trainSoccerEnsemble({ rows: train.slice(0, 100), variant: 'model' })).toThrow(/too few/);
  });

  it('explains a prediction: TreeSHAP contributions and base add up to each outcome\'s margin', () => {
    const r = fresh[3]!;
    const ex = explainSoccerEnsemble(loaded, r, FEATURE_NAMES.length);
    const p = rawProbabilities(loaded, r);
    const margins = ex.map((e) => e.base + e.factors.reduce((s, f) => s + f.contribution, 0));
    const back = softmax(margins);
    back.forEach((v, k) => expect(v).toBeCloseTo(p[k]!, 9));
    expect(ex.map((e) => e.outcome)).toEqual(['home', 'draw', 'away']);
    expect(ex[0]!.factors[0]!.feature).toMatch(/elo_diff|dc_home|dc_away/);
  });
});
