/**
 * The score grid: P(home = x, away = y) for x, y ∈ 0..maxGoals. Every market is read off this one object
 * (as in penaltyblog's FootballProbabilityGrid), so the prices of different markets can never disagree.
 *
 * Dixon–Coles grid: independent Poisson margins with the τ_ρ correction on the four low-score cells
 * (Dixon & Coles 1997, eq. 4.2). τ leaves the total mass unchanged on the infinite grid; the truncated tail
 * (≈1e-9 at the default 20 goals for λ ≤ 4) is renormalised away so probabilities sum to exactly one.
 */
import { poissonPmfVector } from '../numerics/poisson.ts';
import type { GoalRates } from './dixon-coles.ts';

export interface ScoreGrid {
  /** Largest goal count per side held in the grid. */
  maxGoals: number;
  /** Row-major probabilities, index x·(maxGoals+1) + y (x = home goals). */
  p: Float64Array;
  /** Mass lost to truncation before renormalising (diagnostic). */
  truncatedMass: number;
}

/** Build a Dixon–Coles score grid from goal rates (ρ = 0 gives independent Poissons). */
export function scoreGrid(rates: GoalRates, maxGoals = 20): ScoreGrid {
  const { home: lam, away: mu, rho } = rates;
  if (!(lam > 0) || !(mu > 0)) throw new RangeError(`scoreGrid: goal rates must be > 0, got ${lam}, ${mu}`);
  if (!Number.isInteger(maxGoals) || maxGoals < 1) throw new RangeError(`scoreGrid: maxGoals must be an integer ≥ 1`);
  const size = maxGoals + 1;
  const px = poissonPmfVector(lam, maxGoals);
  const py = poissonPmfVector(mu, maxGoals);
  const p = new Float64Array(size * size);
  for (let x = 0; x < size; x++) {
    const a = px[x]!;
    for (let y = 0; y < size; y++) p[x * size + y] = a * py[y]!;
  }
  const t00 = 1 - lam * mu * rho, t01 = 1 + lam * rho, t10 = 1 + mu * rho, t11 = 1 - rho;
  if (!(t00 >= 0 && t01 >= 0 && t10 >= 0 && t11 >= 0)) throw new RangeError(`scoreGrid: ρ = ${rho} is infeasible for λ = ${lam}, μ = ${mu}`);
  p[0]! *= t00;
  p[1]! *= t01;
  p[size]! *= t10;
  p[size + 1]! *= t11;
  return normalise(p, maxGoals);
}

/** Wrap an arbitrary non-negative matrix of score probabilities as a grid (renormalised). */
export function gridFromMatrix(matrix: readonly (readonly number[])[]): ScoreGrid {
  const size = matrix.length;
  if (size < 2 || matrix.some((r) => r.length !== size)) throw new RangeError('gridFromMatrix: need a square matrix of size ≥ 2');
  const p = new Float64Array(size * size);
  for (let x = 0; x < size; x++)
    for (let y = 0; y < size; y++) {
      const v = matrix[x]![y]!;
      if (!(v >= 0)) throw new RangeError(`gridFromMatrix: negative or NaN cell at ${x}-${y}`);
      p[x * size + y] = v;
    }
  return normalise(p, size - 1);
}

function normalise(p: Float64Array, maxGoals: number): ScoreGrid {
  let s = 0;
  let c = 0;
  for (let i = 0; i < p.length; i++) {
    // Neumaier-compensated: the grid has ~400 cells spanning many magnitudes.
    const t = s + p[i]!;
    c += Math.abs(s) >= Math.abs(p[i]!) ? s - t + p[i]! : p[i]! - t + s;
    s = t;
  }
  s += c;
  if (!(s > 0)) throw new RangeError('score grid has no mass');
  for (let i = 0; i < p.length; i++) p[i]! /= s;
  return { maxGoals, p, truncatedMass: 1 - s };
}

/** Expected home and away goals under the grid. */
export function expectedGoals(grid: ScoreGrid): { home: number; away: number } {
  const size = grid.maxGoals + 1;
  let h = 0, a = 0;
  for (let x = 0; x < size; x++)
    for (let y = 0; y < size; y++) {
      const q = grid.p[x * size + y]!;
      h += x * q;
      a += y * q;
    }
  return { home: h, away: a };
}
