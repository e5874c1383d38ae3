import { describe, expect, it } from 'vitest';
import { backtestSoccer, type BacktestMatch } from '../../src/soccer/index.ts';
import { eplSeasons } from './helpers.ts';

const history: BacktestMatch[] = eplSeasons('2016-17');
// A short test window: the first 60 matches of 2017/18, with flat fake closing odds on all but 5.
const testBase: BacktestMatch[] = eplSeasons('2017-18')
  .slice(0, 60)
  .map((m, i) => ({ ...m, closing: i < 5 ? null : { home: 2.5, draw: 3.4, away: 3.0 }, price: { home: 2.6, draw: 3.5, away: 3.1 } }));

describe('walk-forward backtest', () => {
  const base = backtestSoccer(history, testBase, { shrinkage: 5 });

  it('predicts every test match and compares only those with closing odds', () => {
    expect(base.matches).toBe(60);
    expect(base.compared).toBe(55);
    expect(base.skippedNoClosing).toBe(5);
    for (const p of base.predictions) expect(p.model[0] + p.model[1] + p.model[2]).toBeCloseTo(1, 12);
    // Flat market: 1/2.5, 1/3.4, 1/3.0 normalised.
    const s = 1 / 2.5 + 1 / 3.4 + 1 / 3;
    expect(base.predictions[10]!.market![0]).toBeCloseTo(1 / 2.5 / s, 12);
  });

  it('never uses a result on or after the kickoff date (changing later results leaves earlier predictions unchanged)', () => {
    const cut = testBase[30]!.day;
    const altered = testBase.map((m) => (m.day >= cut ? { ...m, homeGoals: 7, awayGoals: 0 } : m));
    const r = backtestSoccer(history, altered, { shrinkage: 5 });
    r.predictions.forEach((p, i) => {
      if (p.day <= cut) expect(p.model).toEqual(base.predictions[i]!.model);
    });
    // …while later predictions do move.
    const later = r.predictions.findIndex((p) => p.day > cut);
    expect(r.predictions[later]!.model).not.toEqual(base.predictions[later]!.model);
  });

  it('refits once per match date by default, less often with refitDays', () => {
    const dates = new Set(testBase.map((m) => m.day)).size;
    expect(base.fit.count).toBe(dates);
    const weekly = backtestSoccer(history, testBase, { refitDays: 7 });
    expect(weekly.fit.count).toBeLessThan(dates);
  });

  it('bets only above the edge threshold and keeps the bankroll accounting consistent', () => {
    const none = backtestSoccer(history, testBase, { betting: { edgeThreshold: 10 } });
    expect(none.betting.bets).toBe(0);
    expect(none.betting.roi).toBe(0);
    const b = base.betting;
    expect(b.bets).toBeGreaterThan(0);
    expect(b.finalBankroll).toBeCloseTo(1 + b.profit, 12);
    expect(b.roi).toBeCloseTo(b.profit / b.staked, 12);
    expect(b.maxDrawdown).toBeGreaterThanOrEqual(0);
    expect(b.maxDrawdown).toBeLessThan(1);
    // Priced at 2.6/3.5/3.1 against a 2.5/3.4/3.0 close: every bet beat the close (positive CLV).
    expect(b.clv).toBeGreaterThan(0);
  });

  it('uses shots on target only when asked, and rejects a bad weight', () => {
    const withShots = testBase.map((m, i) => ({ ...m, homeShotsOnTarget: 3 + (i % 5), awayShotsOnTarget: 2 + (i % 3) }));
    const hist = history.map((m, i) => ({ ...m, homeShotsOnTarget: 4 + (i % 4), awayShotsOnTarget: 3 + (i % 3) }));
    const off = backtestSoccer(hist, withShots, { shrinkage: 5 });
    expect(off.predictions.map((p) => p.model)).toEqual(base.predictions.map((p) => p.model));
    const on = backtestSoccer(hist, withShots, { shrinkage: 5, shotsOnTargetWeight: 0.3 });
    expect(on.predictions[40]!.model).not.toEqual(base.predictions[40]!.model);
    expect(() => backtestSoccer(history, testBase, { shotsOnTargetWeight: 2 })).toThrow(/shotsOnTargetWeight must be in \[0, 1\]/);
    expect(() => backtestSoccer(history, [])).toThrow(/no test matches/);
  });
});
