import { describe, expect, it } from 'vitest';
import { parseBetSelection, settleBet, settleSelection, type EventResult, type SettledResult } from '../../src/portfolio/index.ts';

const score = (home: number, away: number): EventResult => ({ kind: 'score', home, away });
const stat = (value: number): EventResult => ({ kind: 'stat', value });
const outcome = (market: string, selection: string, line: number | null, result: EventResult): SettledResult =>
  settleSelection(parseBetSelection({ market, selection, line }), result);

describe('settleSelection — Asian handicap (line = the home team\'s handicap), every quarter line worked by hand', () => {
  // [home line, home goals, away goals, home result, away result] — each split written out:
  const cases: [number, number, number, SettledResult, SettledResult][] = [
    // −0.25 = halves at 0 and −0.5. Draw: 0 pushes, −0.5 loses → home half-lost; away (+0.25) half-won.
    [-0.25, 1, 1, 'half_lost', 'half_won'],
    [-0.25, 1, 0, 'won', 'lost'],
    [-0.25, 0, 1, 'lost', 'won'],
    // +0.25 = halves at 0 and +0.5. Draw: push + win → home half-won; away (−0.25) half-lost.
    [0.25, 2, 2, 'half_won', 'half_lost'],
    [0.25, 0, 1, 'lost', 'won'],
    // −0.75 = halves at −0.5 and −1. Home by one: −0.5 wins, −1 pushes → half-won. By two: won. Draw: lost.
    [-0.75, 2, 1, 'half_won', 'half_lost'],
    [-0.75, 3, 1, 'won', 'lost'],
    [-0.75, 1, 1, 'lost', 'won'],
    // +0.75 = halves at +0.5 and +1. Home loses by one: +0.5 loses, +1 pushes → half-lost. Draw: won.
    [0.75, 0, 1, 'half_lost', 'half_won'],
    [0.75, 0, 0, 'won', 'lost'],
    [0.75, 0, 2, 'lost', 'won'],
    // −1.25 = halves at −1 and −1.5. Home by one: −1 pushes, −1.5 loses → half-lost. By two: won.
    [-1.25, 2, 1, 'half_lost', 'half_won'],
    [-1.25, 3, 1, 'won', 'lost'],
    // +1.25 = halves at +1 and +1.5. Home loses by one: +1 pushes, +1.5 wins → half-won.
    [1.25, 1, 2, 'half_won', 'half_lost'],
    // −1.75 = halves at −1.5 and −2. Home by two: −1.5 wins, −2 pushes → half-won. By one: lost.
    [-1.75, 2, 0, 'half_won', 'half_lost'],
    [-1.75, 1, 0, 'lost', 'won'],
    // +1.75 = halves at +1.5 and +2. Home loses by two: +1.5 loses, +2 pushes → half-lost.
    [1.75, 0, 2, 'half_lost', 'half_won'],
    // −2.25 = halves at −2 and −2.5. Home by two: −2 pushes, −2.5 loses → half-lost (Liverpool 4-1 Norwich is won).
    [-2.25, 2, 0, 'half_lost', 'half_won'],
    [-2.25, 4, 1, 'won', 'lost'],
    // Whole and half lines: whole lines push on the exact margin, half lines cannot.
    [0, 1, 1, 'push', 'push'],
    [0, 2, 1, 'won', 'lost'],
    [-1, 2, 1, 'push', 'push'],
    [1, 1, 2, 'push', 'push'],
    [-0.5, 1, 1, 'lost', 'won'],
    [0.5, 1, 1, 'won', 'lost'],
    [-1.5, 2, 1, 'lost', 'won'],
  ];
  it.each(cases)('home %s at %i-%i: home %s, away %s', (line, h, a, home, away) => {
    expect(outcome('asian_handicap', 'home', line, score(h, a))).toBe(home);
    expect(outcome('asian_handicap', 'away', line, score(h, a))).toBe(away);
  });
});

describe('settleSelection — totals, quarter lines worked by hand', () => {
  // [line, total goals, over, under]
  const cases: [number, number, SettledResult, SettledResult][] = [
    // 2.25 = halves at 2 and 2.5. Two goals: 2 pushes, 2.5 loses (over) → over half-lost, under half-won.
    [2.25, 2, 'half_lost', 'half_won'],
    [2.25, 3, 'won', 'lost'],
    [2.25, 1, 'lost', 'won'],
    // 2.75 = halves at 2.5 and 3. Three goals: 2.5 wins, 3 pushes → over half-won, under half-lost.
    [2.75, 3, 'half_won', 'half_lost'],
    [2.75, 2, 'lost', 'won'],
    [2.75, 4, 'won', 'lost'],
    // 3.25 = halves at 3 and 3.5; 1.75 = halves at 1.5 and 2; 0.75 = halves at 0.5 and 1.
    [3.25, 3, 'half_lost', 'half_won'],
    [1.75, 2, 'half_won', 'half_lost'],
    [0.75, 1, 'half_won', 'half_lost'],
    [0.75, 0, 'lost', 'won'],
    // Whole lines push, half lines cannot.
    [2, 2, 'push', 'push'],
    [3, 4, 'won', 'lost'],
    [2.5, 2, 'lost', 'won'],
    [2.5, 3, 'won', 'lost'],
  ];
  it.each(cases)('line %s with %i goals: over %s, under %s', (line, goals, over, under) => {
    const h = Math.ceil(goals / 2);
    expect(outcome('totals', 'over', line, score(h, goals - h))).toBe(over);
    expect(outcome('totals', 'under', line, score(h, goals - h))).toBe(under);
  });
});

describe('settleSelection — the other soccer markets', () => {
  it('1x2 is won or lost, never a push', () => {
    expect(outcome('1x2', 'home', null, score(2, 1))).toBe('won');
    expect(outcome('1x2', 'draw', null, score(2, 1))).toBe('lost');
    expect(outcome('1x2', 'away', null, score(2, 1))).toBe('lost');
    expect(outcome('1x2', 'draw', null, score(0, 0))).toBe('won');
    expect(outcome('1x2', 'home', null, score(0, 0))).toBe('lost');
    expect(outcome('1x2', 'away', null, score(0, 3))).toBe('won');
  });

  it('draw-no-bet pushes on a draw', () => {
    expect(outcome('draw_no_bet', 'home', null, score(1, 1))).toBe('push');
    expect(outcome('draw_no_bet', 'away', null, score(1, 1))).toBe('push');
    expect(outcome('draw_no_bet', 'home', null, score(2, 1))).toBe('won');
    expect(outcome('draw_no_bet', 'away', null, score(2, 1))).toBe('lost');
  });

  it('both teams to score', () => {
    expect(outcome('btts', 'yes', null, score(1, 1))).toBe('won');
    expect(outcome('btts', 'no', null, score(1, 1))).toBe('lost');
    expect(outcome('btts', 'yes', null, score(3, 0))).toBe('lost');
    expect(outcome('btts', 'no', null, score(0, 0))).toBe('won');
  });

  it('correct score: the exact score, and "other" above five goals a side', () => {
    expect(outcome('correct_score', '2-1', null, score(2, 1))).toBe('won');
    expect(outcome('correct_score', '1-2', null, score(2, 1))).toBe('lost');
    expect(outcome('correct_score', 'other', null, score(6, 0))).toBe('won');
    expect(outcome('correct_score', 'other', null, score(5, 5))).toBe('lost');
  });

  it('a void result voids every market', () => {
    for (const [m, s, l] of [['1x2', 'home', null], ['totals', 'over', 2.25], ['asian_handicap', 'away', -0.75], ['player_prop', 'over', 249.5]] as const) {
      expect(outcome(m, s, l, { kind: 'void' })).toBe('void');
    }
  });
});

describe('settleSelection — NFL', () => {
  it('spread (home handicap): whole lines push on the exact margin, half lines cannot', () => {
    expect(outcome('spread', 'home', -3, score(24, 21))).toBe('push');
    expect(outcome('spread', 'away', -3, score(24, 21))).toBe('push');
    expect(outcome('spread', 'home', -3, score(27, 21))).toBe('won');
    expect(outcome('spread', 'away', -3, score(27, 21))).toBe('lost');
    expect(outcome('spread', 'home', -3.5, score(24, 21))).toBe('lost');
    expect(outcome('spread', 'away', -3.5, score(24, 21))).toBe('won');
    expect(outcome('spread', 'home', 6.5, score(14, 20))).toBe('won');
  });

  it('game total and moneyline (a tie pushes)', () => {
    expect(outcome('game_total', 'over', 44.5, score(24, 21))).toBe('won');
    expect(outcome('game_total', 'under', 44.5, score(24, 21))).toBe('lost');
    expect(outcome('game_total', 'over', 45, score(24, 21))).toBe('push');
    expect(outcome('moneyline', 'home', null, score(20, 20))).toBe('push');
    expect(outcome('moneyline', 'away', null, score(20, 20))).toBe('push');
    expect(outcome('moneyline', 'away', null, score(17, 20))).toBe('won');
  });

  it('player props over/under a whole or half line, and yes/no (yes = at least one)', () => {
    expect(outcome('player_prop', 'over', 249.5, stat(250))).toBe('won');
    expect(outcome('player_prop', 'under', 249.5, stat(250))).toBe('lost');
    expect(outcome('player_prop', 'over', 250, stat(250))).toBe('push');
    expect(outcome('player_prop', 'under', 5, stat(4))).toBe('won');
    expect(outcome('player_prop', 'over', 5.5, stat(6))).toBe('won');
    expect(outcome('player_prop', 'yes', null, stat(1))).toBe('won');
    expect(outcome('player_prop', 'no', null, stat(1))).toBe('lost');
    expect(outcome('player_prop', 'yes', null, stat(0))).toBe('lost');
    expect(outcome('player_prop', 'no', null, stat(0))).toBe('won');
  });

  it('refuses a result of the wrong kind and an impossible score', () => {
    expect(() => outcome('player_prop', 'over', 249.5, score(1, 0))).toThrow(/stat/);
    expect(() => outcome('spread', 'home', -3, stat(10))).toThrow(/final score/);
    expect(() => outcome('1x2', 'home', null, score(-1, 0))).toThrow(/whole number/);
    expect(() => outcome('1x2', 'home', null, score(1.5, 0))).toThrow(/whole number/);
  });
});

describe('settleBet — result and P&L in minor units', () => {
  const bet = (market: string, selection: string, line: number | null, price: number, stake: number) =>
    ({ selection: parseBetSelection({ market, selection, line }), price, stake });

  it('AH −0.25 at 2.11 for 20.00 on a 0-0 draw: half the stake lost, −10.00', () => {
    expect(settleBet(bet('asian_handicap', 'home', -0.25, 2.11, 2000), score(0, 0))).toEqual({ result: 'half_lost', pnl: -1000 });
  });

  it('AH +0.25 at 1.97 for 10.00 on a 0-0 draw: half won, 5.00 × 0.97 = +4.85', () => {
    expect(settleBet(bet('asian_handicap', 'home', 0.25, 1.97, 1000), score(0, 0))).toEqual({ result: 'half_won', pnl: 485 });
  });

  it('AH −0.75 at 2.12 for 10.00 won by one goal: half won, 5.00 × 1.12 = +5.60', () => {
    expect(settleBet(bet('asian_handicap', 'home', -0.75, 2.12, 1000), score(1, 0))).toEqual({ result: 'half_won', pnl: 560 });
  });

  it('over 2.75 at 2.05 for 10.00 with three goals: +5.25; over 2.25 at 1.80 with two: −5.00', () => {
    expect(settleBet(bet('totals', 'over', 2.75, 2.05, 1000), score(2, 1))).toEqual({ result: 'half_won', pnl: 525 });
    expect(settleBet(bet('totals', 'over', 2.25, 1.8, 1000), score(1, 1))).toEqual({ result: 'half_lost', pnl: -500 });
  });

  it('won, push, lost, void', () => {
    expect(settleBet(bet('1x2', 'draw', null, 5.8, 500), score(2, 2))).toEqual({ result: 'won', pnl: 2400 });
    expect(settleBet(bet('asian_handicap', 'home', 0, 1.92, 1000), score(2, 2))).toEqual({ result: 'push', pnl: 0 });
    expect(settleBet(bet('totals', 'under', 2.5, 1.85, 1000), score(3, 0))).toEqual({ result: 'lost', pnl: -1000 });
    expect(settleBet(bet('moneyline', 'home', null, 1.6, 1000), { kind: 'void' })).toEqual({ result: 'void', pnl: 0 });
  });

  it('checks the stake and the price even when the bet is void', () => {
    expect(() => settleBet(bet('1x2', 'home', null, 1, 1000), score(1, 0))).toThrow(/price/);
    expect(() => settleBet(bet('1x2', 'home', null, 2, 0), { kind: 'void' })).toThrow(/stake/);
    expect(() => settleBet(bet('1x2', 'home', null, 2, 10.5), score(1, 0))).toThrow(/stake/);
  });
});
