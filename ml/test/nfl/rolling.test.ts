import { describe, expect, it } from 'vitest';
import {
  baselineAt, buildEnv, buildFeatures, buildTeamRolling, featureNames, historyBlock, isOffered, MARKETS, parseWeekly, EWMA_HALF_LIFE,
} from '../../src/nfl/props/index.ts';
import { gamesText, syntheticWeekly, weeklyText } from './helpers.ts';

describe('rolling player history', () => {
  // Player x: 2015 weeks 16, 17 then 2016 weeks 1..4 with receiving yards 10, 20, 30, 40, 50, 60.
  const yards = [10, 20, 30, 40, 50, 60];
  const weeks: Array<[number, number]> = [[2015, 16], [2015, 17], [2016, 1], [2016, 2], [2016, 3], [2016, 4]];
  const t = parseWeekly([syntheticWeekly(weeks.map(([s, w], k) => ['x', 'WR', 'NE', s, w, 'MIA', 1 + k, 2 + k, yards[k]!]))]);

  it('summarises only earlier games: prev, mean3, mean8, mean16, EWMA (half-life 4), season-to-date and median8', () => {
    const out = new Float64Array(7);
    historyBlock(t, t.stats.receiving_yards, 5, out, 0); // predicting the 60-yard game
    const d = Math.pow(0.5, 1 / EWMA_HALF_LIFE);
    const w = [1, d, d * d, d ** 3, d ** 4];
    const ewma = [50, 40, 30, 20, 10].reduce((s, v, k) => s + w[k]! * v, 0) / w.reduce((a, b) => a + b, 0);
    expect(out[0]).toBe(50);
    expect(out[1]).toBeCloseTo(40, 12);
    expect(out[2]).toBeCloseTo(30, 12);
    expect(out[3]).toBeCloseTo(30, 12); // all five earlier games (fewer than 16)
    expect(out[4]).toBeCloseTo(ewma, 12);
    expect(out[5]).toBeCloseTo(40, 12); // 2016 weeks 1–3: 30, 40, 50
    expect(out[6]).toBe(30); // median of 10, 20, 30, 40, 50
    historyBlock(t, t.stats.receiving_yards, 0, out, 0);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });

  it('offers a line only after 3 earlier games with enough volume, and the baseline is the rounded 8-game mean', () => {
    const spec = MARKETS.receiving_yards;
    // 3-game mean targets before each row: –, –, –, 3, 4, 5 (threshold 4).
    expect([0, 1, 2, 3, 4, 5].map((i) => isOffered(spec, t, i))).toEqual([false, false, false, false, true, true]);
    const b = baselineAt(spec, t, 5)!;
    expect(b.mean).toBe(30);
    expect(b.line).toBe(30);
    expect(b.pOver).toBeCloseTo((2 + 0.5) / 6, 12); // 40 and 50 are over 30
  });
});

describe('feature matrices on real seasons', () => {
  const env = buildEnv([weeklyText(2017), weeklyText(2018)], [gamesText()]);
  const week = 201810;
  const rows = Int32Array.from(Array.from({ length: env.table.n }, (_, i) => i).filter((i) => env.table.time[i] === week));

  it('never read the described game or any later game (all stats from that week on scrambled → same features)', () => {
    const scrambled: typeof env.table = { ...env.table, stats: { ...env.table.stats } };
    for (const k of Object.keys(scrambled.stats) as Array<keyof typeof scrambled.stats>) {
      const v = Float64Array.from(scrambled.stats[k]);
      for (let i = 0; i < v.length; i++) if (env.table.time[i]! >= week) v[i] = 1000 + ((i * 7919) % 97);
      scrambled.stats[k] = v;
    }
    const envScrambled = { table: scrambled, contexts: env.contexts, teams: buildTeamRolling(scrambled) };
    expect(rows.length).toBeGreaterThan(100);
    for (const family of ['passing', 'rushing', 'receiving', 'touchdown'] as const) {
      const a = buildFeatures(env, family, rows);
      const b = buildFeatures(envScrambled, family, rows);
      expect(a.cols).toBe(featureNames(family).length);
      expect(Array.from(b.values)).toEqual(Array.from(a.values));
      // …while the features do depend on the earlier games.
      const earlier: typeof env.table = { ...env.table, stats: { ...env.table.stats, targets: new Float64Array(env.table.n), attempts: new Float64Array(env.table.n), carries: new Float64Array(env.table.n) } };
      const c = buildFeatures({ ...env, table: earlier, teams: buildTeamRolling(earlier) }, family, rows);
      expect(Array.from(c.values)).not.toEqual(Array.from(a.values));
    }
  });
});
