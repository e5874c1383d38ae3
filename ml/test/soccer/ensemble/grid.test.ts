import { describe, expect, it } from 'vitest';
import { asianHandicap, bothTeamsToScore, correctScore, drawNoBet, matchOdds, scoreGrid, totals } from '../../../src/soccer/index.ts';
import { adjustGridTo1x2 } from '../../../src/soccer/ensemble/index.ts';

const grid = scoreGrid({ home: 1.6, away: 1.1, rho: -0.08 }, 12);
const target = { home: 0.52, draw: 0.24, away: 0.24 };

describe('score grid adjusted to the ensemble 1X2', () => {
  const adj = adjustGridTo1x2(grid, target);
  const size = adj.maxGoals + 1;

  it('has exactly the target 1X2 and still sums to one', () => {
    const r = matchOdds(adj);
    expect(r.home).toBeCloseTo(target.home, 14);
    expect(r.draw).toBeCloseTo(target.draw, 14);
    expect(r.away).toBeCloseTo(target.away, 14);
    expect(adj.p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(adj.p.every((v) => v >= 0)).toBe(true);
  });

  it('keeps the Dixon–Coles shape within each result region', () => {
    const before = matchOdds(grid);
    // P(2-1 | home win) and P(1-1 | draw) are unchanged.
    expect(adj.p[2 * size + 1]! / target.home).toBeCloseTo(grid.p[2 * size + 1]! / before.home, 12);
    expect(adj.p[1 * size + 1]! / target.draw).toBeCloseTo(grid.p[1 * size + 1]! / before.draw, 12);
  });

  it('prices every market from the one grid, consistent with the 1X2', () => {
    const dnb = drawNoBet(adj);
    expect(dnb.home).toBeCloseTo(target.home / (target.home + target.away), 12);
    // AH 0 (home) wins exactly on a home win and pushes on a draw.
    const ah0 = asianHandicap(adj, 0);
    expect(ah0.home.win).toBeCloseTo(target.home, 12);
    expect(ah0.home.push).toBeCloseTo(target.draw, 12);
    // AH -0.5 home is the home win.
    expect(asianHandicap(adj, -0.5).home.win).toBeCloseTo(target.home, 12);
    // Totals, BTTS and correct score are sums over the same cells.
    let over = 0, btts = 0;
    for (let x = 0; x < size; x++)
      for (let y = 0; y < size; y++) {
        if (x + y > 2.5) over += adj.p[x * size + y]!;
        if (x > 0 && y > 0) btts += adj.p[x * size + y]!;
      }
    expect(totals(adj, 2.5).over.win).toBeCloseTo(over, 12);
    expect(bothTeamsToScore(adj).yes).toBeCloseTo(btts, 12);
    const cs = correctScore(adj, 12);
    expect(cs.scores.filter((s) => s.home === s.away).reduce((a, s) => a + s.p, 0)).toBeCloseTo(target.draw, 12);
  });

  it('leaves a grid unchanged when the target is its own 1X2, and refuses impossible targets', () => {
    const own = matchOdds(grid);
    const same = adjustGridTo1x2(grid, own);
    same.p.forEach((v, i) => expect(v).toBeCloseTo(grid.p[i]!, 15));
    expect(() => adjustGridTo1x2(grid, { home: 0.5, draw: 0.3, away: 0.3 })).toThrow(/sum to 1/);
    expect(() => adjustGridTo1x2(grid, { home: 1, draw: 0, away: 0 })).toThrow(/> 0/);
  });
});
