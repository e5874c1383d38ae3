import { describe, expect, it } from 'vitest';
import {
  backtestProps, buildEnv, fitPropModel, loadPropModel, offeredRows, MARKETS, pOver, project, serializePropModel, PROP_DEFAULTS,
} from '../../src/nfl/props/index.ts';
import { priceLine } from '../../src/nfl/props/price.ts';
import { gamesText, weeklyText } from './helpers.ts';

// Small, fast configuration (the defaults are exercised by the CLI test and the benchmark).
const FAST = { ...PROP_DEFAULTS.receptions, gbdt: { ...PROP_DEFAULTS.receptions.gbdt, trees: 40 } };

describe('prop model (receptions, trained 2015–2017)', () => {
  const env = buildEnv([2015, 2016, 2017, 2018].map(weeklyText), [gamesText()]);
  const model = fitPropModel(env, 'receptions', [2015, 2016, 2017], FAST);
  const rows = offeredRows(MARKETS.receptions, env.table, new Set([2018])).slice(0, 300);

  it('fits the distribution and calibration on out-of-sample rows of every training season after the first', () => {
    const oos = offeredRows(MARKETS.receptions, env.table, new Set([2016, 2017]));
    expect(model.oosRows).toBe(oos.length);
    expect(model.distribution?.discrete).toBe(true);
    expect(model.distribution?.wholeUnits).toBe(true);
  });

  it('gives P(over) falling in the line, coherent fair odds and ordered quantiles', () => {
    for (const p of project(model, env, rows)) {
      expect(p.q10).toBeLessThanOrEqual(p.median + 0.5);
      expect(p.median).toBeLessThanOrEqual(p.q90 + 0.5);
      const probs = [0.5, 2.5, 4.5, 6.5, 9.5].map((l) => pOver(model, p.mu, l));
      for (let k = 1; k < probs.length; k++) expect(probs[k]!).toBeLessThanOrEqual(probs[k - 1]!);
      const o = priceLine(model, p.mu, 4.5).fairPrice;
      expect(1 / o.over + 1 / o.under).toBeCloseTo(1, 12);
    }
  });

  it('round-trips through its JSON artifact and rejects a wrong tag or version', () => {
    const json = JSON.stringify(serializePropModel(model));
    const back = loadPropModel(json);
    expect(project(back, env, rows)).toEqual(project(model, env, rows));
    const doc = JSON.parse(json);
    expect(() => loadPropModel({ ...doc, tag: 'other' })).toThrow(/not a fairline.props.model/);
    expect(() => loadPropModel({ ...doc, version: 99 })).toThrow(/version 99/);
    expect(() => loadPropModel({ ...doc, featureVersion: 'receiving:old@0' })).toThrow(/do not match/);
  });

  it('refuses to score a season it was trained on', () => {
    expect(() => backtestProps(env, [2015, 2016], [2016])).toThrow(/both training and test/);
  });
});
