import { portfolio } from '@fairline/ml';
import { describe, expect, it } from 'vitest';
import { boardRows, boardSearch, parseBoardView, type BoardRow } from '../src/lib/props-board.ts';
import { DEFAULT_VIEW, kellyStake, parseValueView, soccerBet, valueSearch, viewRows, type ValueRow } from '../src/lib/value-rows.ts';

describe('the value finder URL', () => {
  it('reads every filter and the sort, and writes the same query back', () => {
    const q = { sport: 'soccer', market: 'soccer:totals', book: 'sim_book_b', edge: '5', days: '14', sort: 'kelly', dir: 'asc' };
    const v = parseValueView(q);
    expect(v).toEqual({ sport: 'soccer', market: 'soccer:totals', book: 'sim_book_b', edge: 5, days: 14, sort: 'kelly', desc: false });
    expect(valueSearch(v)).toBe('?sport=soccer&market=soccer%3Atotals&book=sim_book_b&edge=5&days=14&sort=kelly&dir=asc');
    expect(parseValueView(Object.fromEntries(new URLSearchParams(valueSearch(v))))).toEqual(v);
    expect(valueSearch(parseValueView({}))).toBe('');
  });

  it('falls back to the defaults for what a hand-edited link got wrong', () => {
    expect(parseValueView({ sport: 'cricket', edge: '4', days: '30', sort: 'luck', market: '<script>', book: ' ' })).toEqual(DEFAULT_VIEW);
    expect(parseValueView({ edge: '' }).edge).toBe(DEFAULT_VIEW.edge);
  });
});

const row = (over: Partial<ValueRow>): ValueRow => ({
  key: Math.random().toString(36), kind: 'soccer', sport: 'soccer', fixtureId: 1, kickoffAt: new Date('2026-12-06T15:00:00Z'), game: 'A v B',
  market: 'soccer:totals', marketLabel: 'Total goals', bet: 'Over 2.5', note: null, bookmaker: 'sim_book_b', price: 2.1,
  settlement: { win: 0.52, halfWin: 0, push: 0, halfLoss: 0, loss: 0.48 }, fairPrice: 1 / 0.52, bookFair: 0.47, expectedValue: 0.52 * 2.1 - 1,
  simulated: true, selection: { fixtureId: 1, market: 'totals', selection: 'over', line: 2.5 }, ...over,
});

describe('value rows', () => {
  it('Kelly: ml’s quarter-Kelly rule on the bankroll (win-or-lose, and with pushes or half results)', () => {
    const plain = row({});
    expect(kellyStake(plain, 1000)).toBe(portfolio.suggestStake({ probability: 0.52, price: 2.1, bankroll: 100_000, fraction: 'quarter' }).stake / 100);
    expect(kellyStake(plain, 1000)).toBeGreaterThan(0);
    const quarter = row({ settlement: { win: 0.4, halfWin: 0.2, push: 0, halfLoss: 0.1, loss: 0.3 }, price: 2 });
    expect(kellyStake(quarter, 500)).toBe(portfolio.suggestStake({ probability: quarter.settlement, price: 2, bankroll: 50_000, fraction: 'quarter' }).stake / 100);
    // No edge, no stake; a stake never exceeds the 5 % cap.
    expect(kellyStake(row({ settlement: { win: 0.3, halfWin: 0, push: 0, halfLoss: 0, loss: 0.7 } }), 1000)).toBe(0);
    expect(kellyStake(row({ settlement: { win: 0.9, halfWin: 0, push: 0, halfLoss: 0, loss: 0.1 } }), 1000)).toBe(50);
    expect(kellyStake(plain, 0)).toBe(0);
  });

  it('filters by sport, market and book and sorts by any column, best EV breaking ties', () => {
    const rows = [
      row({ key: 'a', expectedValue: 0.02, price: 3 }),
      row({ key: 'b', expectedValue: 0.08, sport: 'nfl', kind: 'line', market: 'nfl:spread', bookmaker: 'sim_book' }),
      row({ key: 'c', expectedValue: 0.05, bookmaker: 'sim_book_c', price: 1.5 }),
    ];
    expect(viewRows(rows, DEFAULT_VIEW, 1000).map((r) => r.key)).toEqual(['b', 'c', 'a']);
    expect(viewRows(rows, { ...DEFAULT_VIEW, sport: 'soccer' }, 1000).map((r) => r.key)).toEqual(['c', 'a']);
    expect(viewRows(rows, { ...DEFAULT_VIEW, market: 'nfl:spread' }, 1000).map((r) => r.key)).toEqual(['b']);
    expect(viewRows(rows, { ...DEFAULT_VIEW, book: 'sim_book_c' }, 1000).map((r) => r.key)).toEqual(['c']);
    expect(viewRows(rows, { ...DEFAULT_VIEW, sort: 'price', desc: false }, 1000).map((r) => r.price)).toEqual([1.5, 2.1, 3]);
  });

  it('names soccer bets from the side of the bet (an Asian away side at its own handicap)', () => {
    const base = { homeTeam: 'Carrow', awayTeam: 'Dunmore', line: -0.25 };
    expect(soccerBet({ ...base, market: 'asian_handicap', selection: 'home' })).toBe('Carrow −0.25');
    expect(soccerBet({ ...base, market: 'asian_handicap', selection: 'away' })).toBe('Dunmore +0.25');
    expect(soccerBet({ ...base, market: 'totals', selection: 'under', line: 2.75 })).toBe('Under 2.75');
    expect(soccerBet({ ...base, market: 'draw_no_bet', selection: 'away', line: null })).toBe('Dunmore (draw void)');
  });
});

const boardRow = (books: Array<[string, number, number]>, over: Partial<BoardRow> = {}): BoardRow => {
  const p = { over: 0.55, under: 0.45, push: 0 };
  const price = (bookmaker: string, x: number, win: number) => ({ bookmaker, price: x, expectedValue: win * x - 1 });
  return {
    fixtureId: 1, kickoffAt: new Date('2026-12-06T18:00:00Z'), homeTeam: 'A', awayTeam: 'B', playerId: 7, player: 'Sim Receiver 1', position: 'WR', team: 'A',
    market: 'receptions', line: 5.5, mean: 5.9, median: 6, model: { line: 5.5, ...p, fairPrice: { over: 1 / p.over, under: 1 / p.under } },
    books: books.map(([b, o, u]) => ({ bookmaker: b, over: price(b, o, p.over), under: price(b, u, p.under), margin: 1 / o + 1 / u - 1, capturedAt: new Date() })),
    bestOver: null, bestUnder: null, edge: null, modelVersion: { id: 1, version: 1, status: 'active', simulated: true }, ...over,
  };
};

describe('the props board view', () => {
  it('best prices among the books kept, the edge of those, and the minimum-edge filter', () => {
    const r = boardRow([['sim_book', 1.91, 1.91], ['sim_book_b', 1.98, 1.85]]);
    const [all] = boardRows([r], parseBoardView({}));
    expect(all!.shownOver).toMatchObject({ bookmaker: 'sim_book_b', price: 1.98 });
    expect(all!.shownUnder).toMatchObject({ bookmaker: 'sim_book', price: 1.91 });
    expect(all!.shownEdge).toBeCloseTo(0.55 * 1.98 - 1, 12);
    const [one] = boardRows([r], parseBoardView({ book: 'sim_book' }));
    expect(one!.shownOver).toMatchObject({ bookmaker: 'sim_book', price: 1.91 });
    expect(boardRows([r], parseBoardView({ edge: '10' }))).toHaveLength(0);
    expect(boardRows([r], parseBoardView({ edge: '5' }))).toHaveLength(1);
    expect(boardRows([r], parseBoardView({ market: 'passing_yards' }))).toHaveLength(0);
    expect(boardRows([r], parseBoardView({ book: 'nobody' }))).toHaveLength(0);
  });

  it('sorts (edge best first by default for that column) and round-trips its URL', () => {
    const a = boardRow([['sim_book', 1.91, 1.91]], { player: 'Alpha', playerId: 1 });
    const b = boardRow([['sim_book', 2.2, 1.7]], { player: 'Bravo', playerId: 2 });
    expect(boardRows([a, b], parseBoardView({ sort: 'edge' })).map((r) => r.player)).toEqual(['Bravo', 'Alpha']);
    expect(boardRows([a, b], parseBoardView({ sort: 'edge', dir: 'flip' })).map((r) => r.player)).toEqual(['Alpha', 'Bravo']);
    expect(boardRows([b, a], parseBoardView({ sort: 'player' })).map((r) => r.player)).toEqual(['Alpha', 'Bravo']);
    const v = parseBoardView({ market: 'receptions', book: 'sim_book_b', edge: '2', days: '14', sort: 'over', dir: 'flip' });
    expect(parseBoardView(Object.fromEntries(new URLSearchParams(boardSearch(v))))).toEqual(v);
    expect(boardSearch(parseBoardView({ sort: 'nonsense', edge: '7', days: '99' }))).toBe('');
  });
});

describe('stable rows', () => {
  it('keeps a row object while its data is unchanged, replaces it when it changes', async () => {
    const { stableRows, sameData } = await import('../src/lib/stable-rows.ts');
    const stable = stableRows<{ k: string; price: number }>((r) => r.k, sameData);
    const first = stable([{ k: 'a', price: 2 }, { k: 'b', price: 3 }]);
    const second = stable([{ k: 'b', price: 3 }, { k: 'a', price: 2.1 }]);
    expect(second[0]).toBe(first[1]); // unchanged, moved: the same object
    expect(second[1]).not.toBe(first[0]); // changed: the new one
    expect(second[1]).toEqual({ k: 'a', price: 2.1 });
  });
});
