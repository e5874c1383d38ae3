/**
 * One score grid for every market, with the ensemble's 1X2: the Dixon–Coles grid's home-win, draw and away-win
 * regions are each rescaled so that their masses equal the target probabilities. Within a region the shape of
 * the scores (and so the conditional goal distribution given the result) is the Dixon–Coles one; totals, Asian
 * handicaps, BTTS, DNB and correct scores are then all read from this one grid and cannot disagree with the 1X2.
 */
import { matchOdds, type ThreeWay } from '../markets.ts';
import type { ScoreGrid } from '../score-grid.ts';

/** The grid reweighted so its 1X2 equals `target` (which must be positive and sum to 1 within 1e-9). */
export function adjustGridTo1x2(grid: ScoreGrid, target: ThreeWay): ScoreGrid {
  const t = [target.home, target.draw, target.away];
  if (!t.every((v) => Number.isFinite(v) && v > 0)) throw new RangeError(`adjustGridTo1x2: target probabilities must be > 0, got ${t.join(', ')}`);
  const sum = t[0]! + t[1]! + t[2]!;
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`adjustGridTo1x2: target probabilities must sum to 1, got ${sum}`);
  const now = matchOdds(grid);
  const have = [now.home, now.draw, now.away];
  if (!have.every((v) => v > 0)) throw new RangeError('adjustGridTo1x2: the grid gives a result zero probability, it cannot be reweighted');
  const factor = t.map((v, i) => v / have[i]!);
  const size = grid.maxGoals + 1;
  const p = new Float64Array(grid.p.length);
  for (let x = 0; x < size; x++)
    for (let y = 0; y < size; y++) {
      const region = x > y ? 0 : x === y ? 1 : 2;
      p[x * size + y] = grid.p[x * size + y]! * factor[region]!;
    }
  return { maxGoals: grid.maxGoals, p, truncatedMass: grid.truncatedMass };
}
