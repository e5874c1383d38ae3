import { describe, expect, it } from 'vitest';
import {
  buildEnv, explainPropRow, fitPropModel, MARKETS, offeredRows, PROP_DEFAULTS, projectionRecords, propExplainer, propFeatureLabel,
  serializePropModel, featureNames,
} from '../../src/nfl/props/index.ts';
import { psiByFeature } from '../../src/metrics/index.ts';
import { gamesText, weeklyText } from './helpers.ts';

// Small forests: the test is about the explanation's arithmetic and the stored rows, not the model's quality.
const fast = (m: 'receiving_yards' | 'anytime_td') => ({ ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, trees: 30 } });

describe('prop explanations and the feature rows they read (real 2016–2018 seasons)', () => {
  const env = buildEnv([2016, 2017, 2018].map(weeklyText), [gamesText()]);
  const yards = fitPropModel(env, 'receiving_yards', [2016, 2017], fast('receiving_yards'));
  const rows = offeredRows(MARKETS.receiving_yards, env.table, new Set([2018])).slice(0, 200);
  const records = projectionRecords(yards, env, rows);
  // The artifact as stored (through JSON), as the API loads it.
  const stored = JSON.parse(JSON.stringify(serializePropModel(yards)));

  it('every projection record carries its feature row, in the artifact’s column order', () => {
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) expect(r.features).toHaveLength(stored.featureNames.length);
    expect(records.some((r) => r.features.includes(null))).toBe(true); // missing inputs are null, not NaN (JSON)
  });

  it('the stored centre explains the stored mean: base + contributions = μ (TreeSHAP local accuracy), in yards', () => {
    const ex = propExplainer(stored);
    expect(ex.scale).toBe('identity');
    for (const r of records) {
      const e = explainPropRow(ex, r.features);
      const sum = e.factors.reduce((s, f) => s + f.contribution, 0) + e.rest;
      expect(e.base + sum).toBeCloseTo(r.mean, 8);
      expect(e.value).toBeCloseTo(r.mean, 8);
      expect(e.factors.length).toBeLessThanOrEqual(5);
      for (const f of e.factors) expect(f.label).not.toMatch(/_/);
    }
  });

  it('the binary market is explained in logit: the sigmoid of the value is the stored P(yes)', () => {
    const td = fitPropModel(env, 'anytime_td', [2016, 2017], fast('anytime_td'));
    const tdRows = offeredRows(MARKETS.anytime_td, env.table, new Set([2018])).slice(0, 50);
    const ex = propExplainer(JSON.parse(JSON.stringify(serializePropModel(td))));
    expect(ex.scale).toBe('logit');
    for (const r of projectionRecords(td, env, tdRows)) expect(1 / (1 + Math.exp(-explainPropRow(ex, r.features).value))).toBeCloseTo(r.mean, 8);
  });

  it('the artifact carries the training profile, and 2018 rows of a model trained on 2016–17 barely drift', () => {
    expect(stored.featureProfile.names).toEqual(featureNames('receiving'));
    expect(stored.featureProfile.n).toBeGreaterThan(1000);
    const all = projectionRecords(yards, env, offeredRows(MARKETS.receiving_yards, env.table, new Set([2018])));
    const drift = psiByFeature(stored.featureProfile, all.map((r) => r.features));
    const median = drift.map((d) => d.psi).sort((a, b) => a - b)[Math.floor(drift.length / 2)]!;
    expect(median).toBeLessThan(0.1);
    // The calendar moved on: "week of season" keeps its law, "career games" grows for the same players — sanity, not a target.
    expect(drift.find((d) => d.feature === 'week')!.psi).toBeLessThan(0.1);
  });

  it('labels follow the column names', () => {
    expect(propFeatureLabel('targets_mean3')).toBe('targets, avg of last 3');
    expect(propFeatureLabel('target_share_8g')).toBe('target share, last 8');
    expect(propFeatureLabel('something_new')).toBe('something new');
  });

  it('refuses an artifact without trees (the seed’s old simulated models)', () => {
    expect(() => propExplainer({ tag: 'fairline.props.model', simulated: true })).toThrow(/no centre/);
  });
});
