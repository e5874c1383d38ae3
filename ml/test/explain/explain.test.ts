import { describe, expect, it } from 'vitest';
import { GbdtExplainer, scaleOf } from '../../src/explain/index.ts';
import { trainGbdt, type GbdtModel } from '../../src/gbdt/index.ts';

/** A small seeded regression / classification problem with missing values: y depends on x0, x1 (and x2 for class 2). */
function data(n: number, seed: number) {
  let s = seed >>> 0;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const rows: number[][] = [];
  const y: number[] = [];
  const cls: number[] = [];
  const bin: number[] = [];
  const cnt: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = [u() * 10, u() * 4, u() < 0.1 ? NaN : u(), u()];
    rows.push(r);
    const m = 3 * r[0]! + 5 * r[1]! + (r[2]! === r[2]! ? 2 * r[2]! : -1);
    y.push(m + u() * 2);
    bin.push(u() < 1 / (1 + Math.exp(-(m - 20) / 5)) ? 1 : 0);
    cls.push(r[0]! > 6 ? 0 : r[1]! > 2 ? 1 : 2);
    cnt.push(Math.round(m / 5 + u()));
  }
  return { rows, y, cls, bin, cnt };
}

const d = data(600, 3);
const names = ['x0', 'x1', 'x2', 'noise'];
const fit = (objective: 'squared' | 'absolute' | 'poisson' | 'logistic' | 'softmax', label: number[]) =>
  trainGbdt({ features: d.rows, featureNames: names, label, params: { objective, trees: 40, maxDepth: 3, learningRate: 0.1, numClass: objective === 'softmax' ? 3 : undefined }, createdAt: '1970-01-01T00:00:00.000Z' });

/** Every contribution (not just the top ones) plus the base equals the margin: TreeSHAP's local accuracy. */
function expectLocalAccuracy(models: GbdtModel[], output: number, margin: (row: number[]) => number) {
  const ex = new GbdtExplainer(models, { top: 2 });
  for (const row of d.rows.slice(0, 50)) {
    const e = ex.explain(row, output);
    const sum = e.factors.reduce((s, f) => s + f.contribution, 0) + e.rest;
    expect(e.base + sum).toBeCloseTo(e.value, 9);
    expect(e.value).toBeCloseTo(margin(row), 9);
  }
}

describe('GBDT explanations', () => {
  it('squared: base + contributions = the prediction, in the prediction’s own units, and agree with GbdtModel.shap', () => {
    const m = fit('squared', d.y);
    expectLocalAccuracy([m], 0, (row) => m.predict([row])[0]!);
    const ex = new GbdtExplainer([m], { top: 4 });
    const row = d.rows[7]!;
    const e = ex.explain(row);
    const ref = m.shap([row]);
    for (const f of e.factors) expect(f.contribution).toBeCloseTo(ref[names.indexOf(f.feature)]!, 12);
    expect(e.base).toBeCloseTo(ref[4]!, 12);
    expect(e.scale).toBe('identity');
  });

  it('the mean of several identity-link models (the props centre) is explained by the mean of their contributions', () => {
    const a = fit('squared', d.y);
    const b = fit('absolute', d.y);
    expectLocalAccuracy([a, b], 0, (row) => (a.predict([row])[0]! + b.predict([row])[0]!) / 2);
  });

  it('poisson and logistic are explained in their margin (log, logit), where contributions add up', () => {
    const p = fit('poisson', d.cnt);
    expect(scaleOf(p.objective)).toBe('log');
    expectLocalAccuracy([p], 0, (row) => Math.log(p.predict([row])[0]!));
    const l = fit('logistic', d.bin);
    expect(new GbdtExplainer([l]).scale).toBe('logit');
    expectLocalAccuracy([l], 0, (row) => {
      const q = l.predict([row])[0]!;
      return Math.log(q / (1 - q));
    });
  });

  it('softmax: each class is explained in its own margin', () => {
    const s = fit('softmax', d.cls);
    for (let k = 0; k < 3; k++) expectLocalAccuracy([s], k, (row) => s.predictMargin([row])[k]!);
    expect(() => new GbdtExplainer([s]).explain(d.rows[0]!, 3)).toThrow(RangeError);
  });

  it('names the largest contributions first, with labels and values (missing as null), the rest summed', () => {
    const m = fit('squared', d.y);
    const ex = new GbdtExplainer([m], { top: 2, label: (f) => `label of ${f}` });
    const row = [9, 3.5, NaN, 0.5];
    const e = ex.explain(row);
    expect(e.factors).toHaveLength(2);
    expect(Math.abs(e.factors[0]!.contribution)).toBeGreaterThanOrEqual(Math.abs(e.factors[1]!.contribution));
    expect(e.factors.map((f) => f.feature)).toEqual(['x0', 'x1']); // the two strong signals
    expect(e.factors[0]!.label).toBe('label of x0');
    expect(e.factors[0]!.value).toBe(9);
    const all = new GbdtExplainer([m], { top: 4 }).explain(row);
    expect(all.factors.find((f) => f.feature === 'x2')?.value ?? null).toBeNull();
    expect(e.rest).toBeCloseTo(all.factors.slice(2).reduce((s, f) => s + f.contribution, 0), 12);
  });

  it('refuses what has no additive explanation: mixed links, several logit models, a row of the wrong width', () => {
    const a = fit('squared', d.y);
    const l = fit('logistic', d.bin);
    expect(() => new GbdtExplainer([a, l])).toThrow(/identity/);
    expect(() => new GbdtExplainer([l, l])).toThrow(/identity/);
    expect(() => new GbdtExplainer([])).toThrow(RangeError);
    expect(() => new GbdtExplainer([a]).explain([1, 2])).toThrow(/row of 2/);
  });
});
