/** Pairing stored prices into quotes, each book's main line among alternates, and the median consensus. */
import { describe, expect, it } from 'vitest';
import { bookLines, consensusLine, mainLine } from '../../../../src/services/nfl/game-lines/book-lines.ts';
import type { CurrentPrice } from '@fairline/db';

const at = new Date('2026-01-01T00:00:00Z');
let nextId = 1;
const p = (bookmaker: string, market: CurrentPrice['market'], selection: string, line: number | null, price: number): CurrentPrice => ({
  id: nextId++, market, playerId: null, prop: null, bookmaker, selection, line, price, capturedAt: at, seenAt: at, closing: false,
});

describe('bookLines', () => {
  it('pairs home and away handicaps of one spread, keys spreads by the home handicap, and drops quarter lines and junk', () => {
    const lines = bookLines([
      p('a', 'spread', 'home', -3, 1.91), p('a', 'spread', 'away', 3, 1.95),
      p('a', 'spread', 'away', -0, 1.9), p('a', 'spread', 'home', 0, 1.92), // −0 and 0 are one line
      p('a', 'spread', 'home', -3.25, 1.9), // a quarter line: not an NFL line
      p('a', 'game_total', 'over', 44.5, 1.9), p('a', 'game_total', 'under', 44.5, 1.9),
      p('a', 'moneyline', 'home', null, 1.5), p('a', 'moneyline', 'away', null, 2.7),
      p('a', 'moneyline', 'draw', null, 20), p('a', 'player_prop', 'over', 5.5, 1.9), p('a', 'spread', 'home', -7, 1), // no edge price
    ]);
    expect(lines.map((q) => [q.market, q.line, q.first?.price ?? null, q.second?.price ?? null])).toEqual([
      ['spread', -3, 1.91, 1.95],
      ['spread', 0, 1.92, 1.9],
      ['total', 44.5, 1.9, 1.9],
      ['moneyline', null, 1.5, 2.7],
    ]);
    expect(Object.is(lines[1]!.line, -0)).toBe(false);
  });
});

describe('mainLine', () => {
  it('is the two-sided quote whose prices are closest to even, never a one-sided one', () => {
    const lines = bookLines([
      p('a', 'spread', 'home', -2.5, 1.8), p('a', 'spread', 'away', 2.5, 2.05),
      p('a', 'spread', 'home', -3, 1.95), p('a', 'spread', 'away', 3, 1.87), // |1/1.95 − 1/1.87| = 0.0219
      p('a', 'spread', 'home', -3.5, 2.08), p('a', 'spread', 'away', 3.5, 1.76),
      p('a', 'spread', 'home', -10, 1.91), // one side only: even-looking, but not a market
    ]);
    expect(mainLine(lines)?.line).toBe(-3);
    expect(mainLine(lines.filter((q) => q.line === -10))).toBeNull();
  });
});

describe('consensusLine', () => {
  it('is the median of the main lines; a quarter-point midpoint goes to the whole number beside it', () => {
    expect(consensusLine([])).toBeNull();
    expect(consensusLine([-4, -3, -3.5])).toBe(-3.5);
    expect(consensusLine([-3, -7, -3, -2.5])).toBe(-3);
    expect(consensusLine([3, 4])).toBe(3.5);
    expect(consensusLine([3, 3.5])).toBe(3); // 3.25 → 3
    expect(consensusLine([-3, -3.5])).toBe(-3); // symmetric in home and away handicaps
    expect(consensusLine([2.5, 3.5, 7, 10])).toBe(5); // 5.25 → 5
    expect(consensusLine([47, 48.5])).toBe(48); // 47.75 → 48
    expect(Object.is(consensusLine([-0.5, 0.5]), -0)).toBe(false);
  });
});

describe('reference lines (the nflverse schedule)', () => {
  it('keep only their newest line per market and side: a re-published line supersedes the old one at the same capture time', () => {
    const lines = bookLines([
      p('nflverse_lines', 'spread', 'home', -3, 1.91), p('nflverse_lines', 'spread', 'away', 3, 1.91),
      p('nflverse_lines', 'spread', 'home', -3.5, 1.91), p('nflverse_lines', 'spread', 'away', 3.5, 1.91), // the moved line, written later
      p('book', 'spread', 'home', -3, 1.91), p('book', 'spread', 'away', 3, 1.91), p('book', 'spread', 'home', -7, 2.6), p('book', 'spread', 'away', 7, 1.5),
    ]);
    expect(lines.filter((q) => q.bookmaker === 'nflverse_lines').map((q) => q.line)).toEqual([-3.5]);
    // A real book keeps every line it quotes.
    expect(lines.filter((q) => q.bookmaker === 'book').map((q) => q.line)).toEqual([-7, -3]);
  });
});
