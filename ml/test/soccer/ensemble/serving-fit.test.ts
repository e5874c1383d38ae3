import { describe, expect, it } from 'vitest';
import { PURE_DC_DEFAULTS, SOCCER_DEFAULTS, type BacktestMatch } from '../../../src/soccer/index.ts';
import { FEATURE_NAMES, featureRowsForFixtures, fitDixonColesAsOf, walkForwardFeatures } from '../../../src/soccer/ensemble/index.ts';
import { eplSeasons } from '../helpers.ts';

// Deterministic synthetic shots on target per match (eplSeasons projects goals only), as in features.test.ts.
const withShots = (ms: ReturnType<typeof eplSeasons>): BacktestMatch[] =>
  ms.map((m, i) => ({ ...m, homeShotsOnTarget: m.homeGoals + 2 + (i % 3), awayShotsOnTarget: m.awayGoals + 1 + (i % 2), price: { home: 2.4, draw: 3.3, away: 3.2 } }));

const history = withShots(eplSeasons('2016-17'));
const season = withShots(eplSeasons('2017-18')).slice(0, 60);

/** Serving rows of the matches of `day` from fits made as of that day on everything before it. */
function servedRows(day: number) {
  const known = [...history, ...season.filter((m) => m.day < day)];
  const today = season.filter((m) => m.day === day);
  const fits = fitDixonColesAsOf(known, day, SOCCER_DEFAULTS);
  return { fits, rows: featureRowsForFixtures({ history: known, fixtures: today.map((m) => ({ home: m.home, away: m.away, day, price: m.price ?? null })), ...fits, hp: SOCCER_DEFAULTS }) };
}

describe('fitDixonColesAsOf (serving fits of a GBDT artifact)', () => {
  const walk = walkForwardFeatures(history, season, { hp: SOCCER_DEFAULTS }).rows;
  const days = [...new Set(season.map((m) => m.day))];

  it('gives the walk-forward features of the first match date exactly (both are cold fits on the same data)', () => {
    const { fits, rows } = servedRows(days[0]!);
    expect(fits.shots).toBeDefined();
    rows.forEach((r, i) => FEATURE_NAMES.forEach((f, j) => expect(r.features[j], f).toBeCloseTo(walk[i]!.features[j]!, 10)));
  });

  it('gives a later date\'s walk-forward features to optimiser tolerance (the backtest warm-starts its refits)', () => {
    const day = days[4]!;
    const { rows } = servedRows(day);
    const want = walk.filter((r) => r.day === day);
    expect(rows.length).toBe(want.length);
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((r, i) =>
      FEATURE_NAMES.forEach((f, j) => {
        if (Number.isNaN(want[i]!.features[j]!)) expect(r.features[j], f).toBeNaN();
        else expect(r.features[j], f).toBeCloseTo(want[i]!.features[j]!, 4);
      }),
    );
  });

  it('fits goals only for pure Dixon–Coles or when the window holds no shots', () => {
    expect(fitDixonColesAsOf(history, days[0]!, PURE_DC_DEFAULTS).shots).toBeUndefined();
    const noShots = history.map((m) => ({ ...m, homeShotsOnTarget: null, awayShotsOnTarget: null }));
    expect(fitDixonColesAsOf(noShots, days[0]!, SOCCER_DEFAULTS).shots).toBeUndefined();
  });
});
