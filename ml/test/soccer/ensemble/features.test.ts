import { describe, expect, it } from 'vitest';
import type { BacktestMatch, PredictionContext } from '../../../src/soccer/index.ts';
import { FEATURE_NAMES, ResultsState, featureRowsForFixtures, walkForwardFeatures } from '../../../src/soccer/ensemble/index.ts';
import { eplSeasons } from '../helpers.ts';

// Shots on target are not in eplSeasons' projection; synthesise a deterministic pair per match so the shots model runs.
const withShots = (ms: ReturnType<typeof eplSeasons>): BacktestMatch[] =>
  ms.map((m, i) => ({ ...m, homeShotsOnTarget: m.homeGoals + 2 + (i % 3), awayShotsOnTarget: m.awayGoals + 1 + (i % 2), price: { home: 2.4, draw: 3.3, away: 3.2 } }));

const history = withShots(eplSeasons('2016-17'));
const test = withShots(eplSeasons('2017-18')).slice(0, 70);
const col = (name: string) => FEATURE_NAMES.indexOf(name);

describe('ensemble features', () => {
  const base = walkForwardFeatures(history, test);

  it('gives one row per match, every feature named, with the default model\'s forecast', () => {
    expect(base.rows).toHaveLength(70);
    for (const r of base.rows) {
      expect(r.features).toHaveLength(FEATURE_NAMES.length);
      expect(r.dc[0] + r.dc[1] + r.dc[2]).toBeCloseTo(1, 12);
      expect(r.outcome).toBeTypeOf('number');
    }
    // The row's Dixon–Coles forecast is the default backtest's prediction for the same match.
    base.rows.forEach((r, i) => expect(r.dc).toEqual(base.report.predictions[i]!.model));
    expect(base.rows[0]!.features[col('mkt_home')]).toBeCloseTo(1 / 2.4 / (1 / 2.4 + 1 / 3.3 + 1 / 3.2), 12);
  });

  it('never uses the match itself, a match of the same day or a later one (no leakage)', () => {
    const cut = test[35]!.day;
    // Everything from the cut day on gets absurd results, shots and prices.
    const altered = test.map((m) => (m.day >= cut ? { ...m, homeGoals: 9, awayGoals: 0, homeShotsOnTarget: 30, awayShotsOnTarget: 0, price: { home: 1.01, draw: 40, away: 80 } } : m));
    const again = walkForwardFeatures(history, altered);
    let checked = 0;
    again.rows.forEach((r, i) => {
      const b = base.rows[i]!;
      expect(r.day).toBe(b.day);
      if (r.day > cut) return;
      // Only the match's own market columns may differ (its own pre-close price is known before kickoff).
      const own = new Set(['mkt_home', 'mkt_draw', 'mkt_away', 'mkt_minus_dc_home', 'mkt_minus_dc_away']);
      FEATURE_NAMES.forEach((f, j) => {
        if (r.day === cut && own.has(f)) return;
        expect(Object.is(r.features[j], b.features[j]) || r.features[j] === b.features[j], `${f} of ${r.home} v ${r.away}`).toBe(true);
      });
      checked++;
    });
    expect(checked).toBeGreaterThan(35);
    // …while later rows do see the altered results (the test can fail).
    const later = again.rows.findIndex((r) => r.day > cut);
    expect(Array.from(again.rows[later + 10]!.features)).not.toEqual(Array.from(base.rows[later + 10]!.features));
  });
});

describe('results state', () => {
  const m = (day: number, home: string, away: string, hg: number, ag: number): BacktestMatch => ({ day, home, away, homeGoals: hg, awayGoals: ag });

  it('refuses features for a day on or before a result it has learned', () => {
    const s = new ResultsState();
    s.add(m(100, 'A', 'B', 1, 0));
    expect(() => s.snapshot('A', 100)).toThrow(/leakage/);
    expect(() => s.snapshot('A', 99)).toThrow(/leakage/);
    expect(() => s.add(m(99, 'A', 'B', 1, 0))).toThrow(/day order/);
  });

  it('computes form, rest days, Elo movement and promoted flags from earlier results only', () => {
    const s = new ResultsState({ formMatches: 2 });
    s.add(m(0, 'A', 'B', 2, 0));
    s.add(m(7, 'B', 'A', 1, 1));
    s.add(m(14, 'A', 'C', 0, 3));
    const a = s.snapshot('A', 20);
    expect(a.formPoints).toBeCloseTo((1 + 0) / 2, 12); // last two: draw, loss
    expect(a.formGoals).toBeCloseTo((0 - 3) / 2, 12);
    expect(a.restDays).toBe(6);
    expect(s.snapshot('C', 20).elo).toBeGreaterThan(1500);
    expect(s.snapshot('Z', 20).promoted).toBe(0); // the league is new: nobody is promoted yet
    s.add(m(400, 'A', 'D', 1, 0)); // D first seen a season later: promoted
    const d = s.snapshot('D', 401);
    expect(d.promoted).toBe(1);
    expect(d.elo).toBeLessThan(1500);
    expect(s.snapshot('A', 401).promoted).toBe(0);
    expect(s.snapshot('A', 401).restDays).toBe(1);
  });

  it('does not take a gap in the data (every team absent) for a promotion', () => {
    const s = new ResultsState();
    s.add(m(0, 'A', 'B', 1, 0));
    s.add(m(100, 'A', 'C', 1, 0));
    s.add(m(900, 'A', 'B', 1, 0)); // two missing seasons, then both back
    expect(s.snapshot('A', 901).promoted).toBe(0);
    expect(s.snapshot('B', 901).promoted).toBe(0);
  });
});

describe('serving features', () => {
  it('match the walk-forward row of the same fixture given the same fit', async () => {
    const { backtestSoccer, SOCCER_DEFAULTS } = await import('../../../src/soccer/index.ts');
    const firstDay = test[0]!.day;
    const first = test.filter((t) => t.day === firstDay);
    const fits: PredictionContext[] = [];
    backtestSoccer(history, first, { ...SOCCER_DEFAULTS, onPredict: (_m, f) => fits.push(f) });
    const walk = walkForwardFeatures(history, first).rows;
    const served = featureRowsForFixtures({
      history,
      fixtures: first.map((f) => ({ home: f.home, away: f.away, day: f.day, price: f.price ?? null })),
      goals: fits[0]!.goals,
      ...(fits[0]!.shots ? { shots: fits[0]!.shots } : {}),
    });
    served.forEach((r, i) => {
      expect(r.outcome).toBeUndefined();
      FEATURE_NAMES.forEach((f, j) => expect(r.features[j], f).toBeCloseTo(walk[i]!.features[j]!, 10));
    });
  });
});
