import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/index.ts';
import {
  asianHandicap,
  bothTeamsToScore,
  correctScore,
  doubleChance,
  drawNoBet,
  expectedGoals,
  gridFromMatrix,
  matchOdds,
  scoreGrid,
  splitLine,
  teamTotals,
  totals,
  type ScoreGrid,
} from '../../src/soccer/index.ts';

const sumGrid = (g: ScoreGrid) => g.p.reduce((a, b) => a + b, 0);

describe('score grid', () => {
  it('has unit mass and the Poisson means when ρ = 0', () => {
    const g = scoreGrid({ home: 1.6, away: 1.1, rho: 0 });
    expect(sumGrid(g)).toBeCloseTo(1, 14);
    const eg = expectedGoals(g);
    expect(eg.home).toBeCloseTo(1.6, 8);
    expect(eg.away).toBeCloseTo(1.1, 8);
    // P(0-0) = e^{−2.7}
    expect(g.p[0]).toBeCloseTo(Math.exp(-2.7), 10);
  });
  it('applies τ only to the four low-score cells and keeps mass', () => {
    const a = scoreGrid({ home: 1.4, away: 0.9, rho: 0 });
    const b = scoreGrid({ home: 1.4, away: 0.9, rho: -0.13 });
    const s = a.maxGoals + 1;
    expect(b.p[0]! / a.p[0]!).toBeCloseTo(1 + 1.4 * 0.9 * 0.13, 10);
    expect(b.p[1]! / a.p[1]!).toBeCloseTo(1 - 1.4 * 0.13, 10);
    expect(b.p[s]! / a.p[s]!).toBeCloseTo(1 - 0.9 * 0.13, 10);
    expect(b.p[s + 1]! / a.p[s + 1]!).toBeCloseTo(1.13, 10);
    expect(b.p[2 * s + 3]! / a.p[2 * s + 3]!).toBeCloseTo(1, 12);
    expect(sumGrid(b)).toBeCloseTo(1, 14);
    // ρ < 0 with these rates raises the draw probability (more 0-0 and 1-1).
    expect(matchOdds(b).draw).toBeGreaterThan(matchOdds(a).draw);
  });
  it('rejects invalid rates and infeasible ρ', () => {
    expect(() => scoreGrid({ home: 0, away: 1, rho: 0 })).toThrow(/rates must be > 0/);
    expect(() => scoreGrid({ home: 3, away: 3, rho: 0.5 })).toThrow(/infeasible/);
  });
});

describe('markets from one grid: consistency identities (property tests)', () => {
  const rng = createRng(99);
  const cases = Array.from({ length: 40 }, () => ({ home: 0.3 + 2.7 * rng.next(), away: 0.3 + 2.2 * rng.next(), rho: -0.15 + 0.2 * rng.next() }));
  const feasible = cases.filter((r) => 1 - r.home * r.away * r.rho > 0 && 1 + r.home * r.rho > 0 && 1 + r.away * r.rho > 0);

  it.each(feasible.map((r, i) => [i, r] as const))('case %i', (_i, r) => {
    const g = scoreGrid(r);
    expect(sumGrid(g)).toBeCloseTo(1, 13);
    const x = matchOdds(g);
    expect(x.home + x.draw + x.away).toBeCloseTo(1, 13);
    const dc = doubleChance(g);
    expect(dc.homeOrDraw).toBeCloseTo(1 - x.away, 13);
    const dnb = drawNoBet(g);
    // AH 0 is draw-no-bet: same win probability given no push, fair odds 1/DNB.
    const ah0 = asianHandicap(g, 0);
    expect(ah0.home.push).toBeCloseTo(x.draw, 13);
    expect(ah0.home.fairPrice).toBeCloseTo(1 / dnb.home, 10);
    expect(ah0.away.fairPrice).toBeCloseTo(1 / dnb.away, 10);
    // AH −0.5 is the home win; +0.5 is home-or-draw.
    expect(asianHandicap(g, -0.5).home.win).toBeCloseTo(x.home, 13);
    expect(asianHandicap(g, 0.5).home.win).toBeCloseTo(dc.homeOrDraw, 13);
    // Complementary totals: over L and under L partition the mass; half lines never push.
    for (const line of [0.5, 1.5, 2.5, 3.5, 4.5]) {
      const t = totals(g, line);
      expect(t.over.win + t.under.win).toBeCloseTo(1, 13);
      expect(t.over.push).toBe(0);
      expect(1 / t.over.fairPrice + 1 / t.under.fairPrice).toBeCloseTo(1, 12);
    }
    // Integer line: over wins + push + under wins = 1, push = P(total = L).
    const t2 = totals(g, 2);
    expect(t2.over.win + t2.over.push + t2.under.win).toBeCloseTo(1, 13);
    // Quarter line 2.25 = half stake on 2 and half on 2.5: its over side half-loses exactly when total = 2.
    const t225 = totals(g, 2.25);
    expect(t225.over.halfLoss).toBeCloseTo(t2.over.push, 13);
    expect(t225.over.win).toBeCloseTo(totals(g, 2.5).over.win, 13);
    // Fair odds of a quarter line lie between those of its two halves.
    const lo = totals(g, 2).over.fairPrice, hi = totals(g, 2.5).over.fairPrice;
    expect(t225.over.fairPrice).toBeGreaterThanOrEqual(Math.min(lo, hi) - 1e-12);
    expect(t225.over.fairPrice).toBeLessThanOrEqual(Math.max(lo, hi) + 1e-12);
    // Handicap symmetry: home at −L mirrors away at +L.
    const ahq = asianHandicap(g, -0.75);
    expect(ahq.home.win).toBeCloseTo(ahq.away.loss, 13);
    expect(ahq.home.halfWin).toBeCloseTo(ahq.away.halfLoss, 13);
    // Team totals sum to the match total in expectation; BTTS complements.
    const b = bothTeamsToScore(g);
    expect(b.yes + b.no).toBeCloseTo(1, 13);
    const s = g.maxGoals + 1;
    let homeZero = 0;
    for (let y = 0; y < s; y++) homeZero += g.p[y]!;
    expect(teamTotals(g, 'home', 0.5).under.win).toBeCloseTo(homeZero, 13);
    const cs = correctScore(g, 10);
    expect(cs.scores.reduce((a, c) => a + c.p, 0) + cs.other).toBeCloseTo(1, 12);
  });
});

describe('Asian settlement on a hand-made grid', () => {
  // Three outcomes only: 1-0 (0.5), 1-1 (0.3), 0-2 (0.2).
  const g = gridFromMatrix([
    [0, 0, 0.2],
    [0.5, 0.3, 0],
    [0, 0, 0],
  ]);
  it('settles home −0.25 (half on 0, half on −0.5)', () => {
    const ah = asianHandicap(g, -0.25);
    expect(ah.home).toMatchObject({ win: 0.5, halfLoss: 0.3, loss: 0.2, push: 0, halfWin: 0 });
    // fair odds: 1 + (0.2 + 0.15)/0.5 = 1.7
    expect(ah.home.fairPrice).toBeCloseTo(1.7, 12);
    expect(ah.away).toMatchObject({ win: 0.2, halfWin: 0.3, loss: 0.5 });
  });
  it('settles totals 1.75 and 2 (push on exactly 2)', () => {
    const t = totals(g, 1.75); // half on 1.5, half on 2
    expect(t.over).toMatchObject({ win: 0, halfWin: 0.5, loss: 0.5 });
    const t2 = totals(g, 2);
    expect(t2.over).toMatchObject({ win: 0, push: 0.5, loss: 0.5 });
    expect(t2.over.fairPrice).toBe(Infinity);
  });
  it('splits lines and rejects non-quarter lines', () => {
    expect(splitLine(2.25)).toEqual([2, 2.5]);
    expect(splitLine(-0.75)).toEqual([-1, -0.5]);
    expect(splitLine(-1)).toEqual([-1, -1]);
    expect(() => splitLine(2.1)).toThrow(/multiple of 0.25/);
  });
});

describe('market book for a fitted fixture', () => {
  it('prices every market from one grid, consistently with the single-market functions', async () => {
    const { fitDixonColes, marketBook, predictGrid } = await import('../../src/soccer/index.ts');
    const { eplSeasons } = await import('./helpers.ts');
    const model = fitDixonColes(eplSeasons('2017-18'), { shrinkage: 5 });
    const book = marketBook(model, 'Liverpool', 'Everton');
    const grid = predictGrid(model, 'Liverpool', 'Everton');
    const x = matchOdds(grid);
    expect(book.matchOdds.home.p).toBeCloseTo(x.home, 14);
    expect(book.matchOdds.home.fairPrice).toBeCloseTo(1 / x.home, 12);
    expect(book.matchOdds.home.p + book.matchOdds.draw.p + book.matchOdds.away.p).toBeCloseTo(1, 13);
    expect(book.asianHandicap['0']!.home.fairPrice).toBeCloseTo(book.drawNoBet.home.fairPrice, 10);
    expect(book.totals['2.5']!.over.win).toBeCloseTo(totals(grid, 2.5).over.win, 14);
    expect(book.expectedGoals.home).toBeCloseTo(book.rates.home, 6);
    expect(book.correctScore.scores).toHaveLength(36);
    expect(book.bothTeamsToScore.yes.p + book.bothTeamsToScore.no.p).toBeCloseTo(1, 13);
  });
});
