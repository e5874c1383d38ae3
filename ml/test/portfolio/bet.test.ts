import { describe, expect, it } from 'vitest';
import { BET_MARKETS, parseBetSelection, selectionName } from '../../src/portfolio/index.ts';

describe('parseBetSelection', () => {
  it('types every market the platform quotes', () => {
    expect(BET_MARKETS).toEqual(['1x2', 'totals', 'asian_handicap', 'btts', 'draw_no_bet', 'correct_score', 'moneyline', 'spread', 'game_total', 'player_prop']);
    expect(parseBetSelection({ market: 'asian_handicap', selection: 'away', line: -0.25 })).toEqual({ market: 'asian_handicap', selection: 'away', line: -0.25 });
    expect(parseBetSelection({ market: 'correct_score', selection: '2-1', line: null })).toEqual({ market: 'correct_score', selection: { home: 2, away: 1 } });
    expect(parseBetSelection({ market: 'player_prop', selection: 'yes', line: undefined })).toEqual({ market: 'player_prop', selection: 'yes' });
    expect(parseBetSelection({ market: 'spread', selection: 'home', line: -0 })).toEqual({ market: 'spread', selection: 'home', line: 0 });
    const pickem = parseBetSelection({ market: 'spread', selection: 'home', line: -0 });
    expect('line' in pickem && Object.is(pickem.line, 0)).toBe(true); // a pick'em is 0, never −0
  });

  it('names what is wrong: market, selection, line', () => {
    const bad = (market: string, selection: string, line: number | null) => () => parseBetSelection({ market, selection, line });
    expect(bad('double_chance', 'home', null)).toThrow('unknown market "double_chance"');
    expect(bad('1x2', 'over', null)).toThrow('unknown selection "over" for 1x2 (one of home, draw, away)');
    expect(bad('1x2', 'home', 0.5)).toThrow('1x2 takes no line, got 0.5');
    expect(bad('totals', 'over', null)).toThrow('totals needs a line');
    expect(bad('totals', 'over', 2.1)).toThrow('totals line must be a multiple of 0.25, got 2.1');
    expect(bad('totals', 'over', -1)).toThrow('must not be negative');
    expect(bad('spread', 'home', -3.25)).toThrow('spread line must be a multiple of 0.5, got -3.25');
    expect(bad('player_prop', 'over', 249.25)).toThrow('multiple of 0.5');
    expect(bad('player_prop', 'yes', 0.5)).toThrow('a yes/no player prop takes no line');
    expect(bad('correct_score', '6-0', null)).toThrow('unknown correct score "6-0"');
    expect(bad('correct_score', 'home', null)).toThrow('unknown correct score');
    expect(bad('asian_handicap', 'home', Number.NaN)).toThrow('finite');
  });

  it('selectionName is its inverse', () => {
    expect(selectionName(parseBetSelection({ market: 'correct_score', selection: '0-3', line: null }))).toBe('0-3');
    expect(selectionName(parseBetSelection({ market: 'totals', selection: 'under', line: 2.75 }))).toBe('under');
  });
});
