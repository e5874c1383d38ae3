/**
 * Every soccer market from one score grid: 1X2, double chance, draw-no-bet, totals and Asian handicap at any
 * line (quarter lines split the stake over the two neighbouring lines, so they can half-win or half-lose),
 * both teams to score, team totals and correct score — each with its fair (zero-margin) decimal price.
 *
 * Settlement follows the standard Asian rules: a bet on line L over the quantity v wins when v > L, is
 * void (push) when v = L, loses when v < L; a quarter line L splits into L − ¼ and L + ¼.
 */
import { fairPrice, flipHandicap } from '../pricing/index.ts';
import type { ScoreGrid } from './score-grid.ts';

export interface ThreeWay {
  home: number;
  draw: number;
  away: number;
}

/** Probabilities of each settlement of a bet that can push or half-settle. */
export interface AsianOutcome {
  win: number;
  halfWin: number;
  push: number;
  halfLoss: number;
  loss: number;
  /** Decimal price with zero expected profit (pricing/fair-price.ts): 1 + (loss + halfLoss/2) / (win + halfWin/2). */
  fairPrice: number;
}

export interface TwoSided {
  over: AsianOutcome;
  under: AsianOutcome;
}

export interface HandicapMarket {
  home: AsianOutcome;
  away: AsianOutcome;
}

/** P(home win), P(draw), P(away win) from the score grid (sums over x > y, x = y, x < y). */
export function matchOdds(grid: ScoreGrid): ThreeWay {
  const size = grid.maxGoals + 1;
  let home = 0, draw = 0, away = 0;
  for (let x = 0; x < size; x++)
    for (let y = 0; y < size; y++) {
      const q = grid.p[x * size + y]!;
      if (x > y) home += q;
      else if (x === y) draw += q;
      else away += q;
    }
  return { home, draw, away };
}

/** Double-chance probabilities: home or draw, draw or away, home or away (no draw). */
export function doubleChance(grid: ScoreGrid): { homeOrDraw: number; drawOrAway: number; homeOrAway: number } {
  const r = matchOdds(grid);
  return { homeOrDraw: r.home + r.draw, drawOrAway: r.draw + r.away, homeOrAway: r.home + r.away };
}

/** Draw-no-bet: stake returned on a draw, so the probabilities are conditional on no draw. */
export function drawNoBet(grid: ScoreGrid): { home: number; away: number } {
  const r = matchOdds(grid);
  const d = r.home + r.away;
  return { home: r.home / d, away: r.away / d };
}

/** P(both teams score) and its complement from the score grid. */
export function bothTeamsToScore(grid: ScoreGrid): { yes: number; no: number } {
  const size = grid.maxGoals + 1;
  let no = 0;
  for (let x = 0; x < size; x++) no += grid.p[x * size]!; // away scores 0
  for (let y = 1; y < size; y++) no += grid.p[y]!; // home scores 0, away ≥ 1
  return { yes: 1 - no, no };
}

/** P(exact score); `other` collects everything outside 0..upTo per side. */
export function correctScore(grid: ScoreGrid, upTo = 5): { scores: { home: number; away: number; p: number }[]; other: number } {
  const size = grid.maxGoals + 1;
  const top = Math.min(upTo, grid.maxGoals);
  const scores: { home: number; away: number; p: number }[] = [];
  let inside = 0;
  for (let x = 0; x <= top; x++)
    for (let y = 0; y <= top; y++) {
      const p = grid.p[x * size + y]!;
      scores.push({ home: x, away: y, p });
      inside += p;
    }
  return { scores, other: Math.max(0, 1 - inside) };
}

/** Over/under on total goals at any line (…, 2, 2.25, 2.5, 2.75, …). */
export function totals(grid: ScoreGrid, line: number): TwoSided {
  return twoSided(grid, line, (x, y) => x + y);
}

/** Over/under on one team's goals. */
export function teamTotals(grid: ScoreGrid, team: 'home' | 'away', line: number): TwoSided {
  return twoSided(grid, line, team === 'home' ? (x) => x : (_x, y) => y);
}

/**
 * Asian handicap with the home team's line (football-data convention: −0.75 = home gives ¾ goal). The home
 * bet settles on (x − y) + line vs 0, the away bet on (y − x) − line vs 0.
 */
export function asianHandicap(grid: ScoreGrid, homeLine: number): HandicapMarket {
  const s = twoSided(grid, flipHandicap(homeLine), (x, y) => x - y);
  return { home: s.over, away: s.under };
}

function twoSided(grid: ScoreGrid, line: number, value: (x: number, y: number) => number): TwoSided {
  const [l1, l2] = splitLine(line);
  const size = grid.maxGoals + 1;
  // Accumulate by the over-side result r ∈ {1, ½, 0, −½, −1}; the under side is its mirror.
  const acc = new Float64Array(5); // index r·2 + 2
  for (let x = 0; x < size; x++)
    for (let y = 0; y < size; y++) {
      const v = value(x, y);
      const r = Math.sign(v - l1) + Math.sign(v - l2); // −2..2, halves of the stake
      acc[r + 2]! += grid.p[x * size + y]!;
    }
  const over = outcome(acc[4]!, acc[3]!, acc[2]!, acc[1]!, acc[0]!);
  const under = outcome(acc[0]!, acc[1]!, acc[2]!, acc[3]!, acc[4]!);
  return { over, under };
}

/** A line as two half-stake lines: quarter lines split, others are the same line twice. */
export function splitLine(line: number): [number, number] {
  if (!Number.isFinite(line)) throw new RangeError(`line must be finite, got ${line}`);
  const q = line * 4;
  if (Math.abs(q - Math.round(q)) > 1e-9) throw new RangeError(`line must be a multiple of 0.25, got ${line}`);
  const quarters = Math.round(q);
  if (Math.abs(quarters % 2) === 1) return [(quarters - 1) / 4, (quarters + 1) / 4];
  return [line, line];
}

function outcome(win: number, halfWin: number, push: number, halfLoss: number, loss: number): AsianOutcome {
  return { win, halfWin, push, halfLoss, loss, fairPrice: fairPrice({ win, halfWin, push, halfLoss, loss }) };
}
