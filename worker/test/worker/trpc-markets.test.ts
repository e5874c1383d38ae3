import { TRPCClientError } from '@trpc/client';
import { pricing, soccer } from '@fairline/ml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSimulatedData } from '../../src/seed/index.ts';
import type { AppRouter } from '../../src/trpc/router.ts';
import { nextGame, suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { errorCode, trpcClient } from './support/worker-http.ts';

// Seeded relative to the real clock: the value finder and the board look for games kicking off after the worker's now.
const NOW = Date.now();
let suite: SuiteDb;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
});
afterAll(async () => {
  await suite?.drop();
});

const message = (e: unknown) => (e instanceof TRPCClientError ? (e as TRPCClientError<AppRouter>).message : String(e));

describe('soccer markets, every book priced (HTTP inside workerd)', () => {
  it('fairPrices answers every book’s 1X2, totals (quarter lines too), AH, BTTS and DNB, each priced off the one grid', async () => {
    const api = trpcClient(suite.env);
    const game = await nextGame(suite.db, 'soccer');
    const r = await api.soccer.fairPrices.query({ fixtureId: game.id });
    const grid = soccer.scoreGrid(r.book.rates, 20);
    // The seed: sim_book quotes 1X2 only; sim_book_b and sim_book_c quote every market.
    const kinds = (b: string) => [...new Set(r.markets.filter((q) => q.bookmaker === b).map((q) => q.market))].sort();
    expect(kinds('sim_book')).toEqual(['1x2']);
    for (const b of ['sim_book_b', 'sim_book_c']) expect(kinds(b)).toEqual(['1x2', 'asian_handicap', 'btts', 'draw_no_bet', 'totals']);
    // A quarter total is quoted, and it can half-settle.
    const quarter = r.markets.find((q) => q.market === 'totals' && q.line !== null && Math.abs((q.line * 4) % 2) === 1)!;
    expect(quarter).toBeDefined();
    expect(quarter.selections.some((s) => s.model.halfWin > 0 || s.model.halfLoss > 0)).toBe(true);

    for (const q of r.markets) {
      const prices = q.selections.map((s) => s.price);
      expect(q.margin).toBeCloseTo(pricing.margin(prices), 12);
      const fair = pricing.removeVig(prices, 'multiplicative');
      for (const [i, s] of q.selections.entries()) {
        const m = s.model;
        expect(m.win + m.halfWin + m.push + m.halfLoss + m.loss).toBeCloseTo(1, 9);
        expect(s.expectedValue).toBeCloseTo(pricing.expectedValueAsian(m, s.price), 12);
        expect(s.fairPrice).toBeCloseTo(pricing.fairPrice(m), 9);
        expect(s.bookFair).toBeCloseTo(fair[i]!, 12);
      }
      // Each market read off the same grid as the model's book (lines keyed as the bets key them).
      if (q.market === 'totals') {
        const t = soccer.totals(grid, q.line!);
        expect(q.selections.find((s) => s.selection === 'over')!.model.win).toBeCloseTo(t.over.win, 12);
        if (r.book.totals[String(q.line)]) expect(q.selections[0]!.fairPrice).toBeCloseTo(r.book.totals[String(q.line)]!.over.fairPrice, 9);
      }
      if (q.market === 'asian_handicap') {
        // Keyed by the HOME handicap: the away side (stored at its own handicap −h) is the same market.
        expect(q.selections.map((s) => s.selection)).toEqual(['home', 'away']);
        const ah = r.book.asianHandicap[String(q.line)]!;
        expect(q.selections[0]!.model.win).toBeCloseTo(ah.home.win, 9);
        expect(q.selections[1]!.model.win).toBeCloseTo(ah.away.win, 9);
      }
      if (q.market === 'draw_no_bet') {
        const dnb = q.selections.find((s) => s.selection === 'home')!;
        expect(dnb.model.push).toBeCloseTo(r.book.matchOdds.draw.p, 9);
        expect(dnb.fairPrice).toBeCloseTo(r.book.drawNoBet.home.fairPrice, 9);
      }
      if (q.market === 'btts') expect(q.selections.find((s) => s.selection === 'yes')!.model.win).toBeCloseTo(r.book.bothTeamsToScore.yes.p, 9);
    }
    // The 1X2 quotes of old are the same prices as the 1X2 market entries.
    for (const q of r.quotes) {
      const m = r.markets.find((x) => x.market === '1x2' && x.bookmaker === q.bookmaker)!;
      expect(m.selections.map((s) => s.price)).toEqual([q.prices.home, q.prices.draw, q.prices.away]);
      expect(m.selections.map((s) => s.expectedValue)).toEqual([q.expectedValue.home, q.expectedValue.draw, q.expectedValue.away].map((v) => expect.closeTo(v, 12)));
    }
  });

  it('soccer.valueBets lists every upcoming price with EV ≥ the edge, best first, agreeing with the match page', async () => {
    const api = trpcClient(suite.env);
    const all = await api.soccer.valueBets.query({ minEdge: 0, days: 14 });
    expect(all.fixtures).toBeGreaterThan(0);
    expect(all.bets.length).toBeGreaterThan(0);
    const evs = all.bets.map((b) => b.expectedValue);
    expect(evs.every((e) => e >= 0)).toBe(true);
    expect([...evs].sort((a, b) => b - a)).toEqual(evs);
    expect(all.bets.every((b) => b.modelVersion.simulated)).toBe(true);
    // Each bet is the match page's price of that book, market, line and selection.
    const b = all.bets[0]!;
    const page = await api.soccer.fairPrices.query({ fixtureId: b.fixtureId });
    const q = page.markets.find((m) => m.bookmaker === b.bookmaker && m.market === b.market && m.line === b.line)!;
    const s = q.selections.find((x) => x.selection === b.selection)!;
    expect(b.price).toBe(s.price);
    expect(b.expectedValue).toBeCloseTo(s.expectedValue, 12);

    const strict = await api.soccer.valueBets.query({ minEdge: 0.05, days: 14 });
    expect(strict.bets.every((x) => x.expectedValue >= 0.05)).toBe(true);
    expect(strict.bets.length).toBeLessThanOrEqual(all.bets.length);
    const totals = await api.soccer.valueBets.query({ minEdge: 0, days: 14, markets: ['totals'] });
    expect(totals.bets.length).toBeGreaterThan(0);
    expect(totals.bets.every((x) => x.market === 'totals' && x.line !== null)).toBe(true);
    expect((await api.soccer.valueBets.query({ minEdge: 0, days: 14, limit: 3 })).bets).toHaveLength(3);
  });

  it('soccer.valueBets: bad input is a clear BAD_REQUEST', async () => {
    const api = trpcClient(suite.env);
    for (const bad of [{ minEdge: -0.1 }, { days: 0 }, { days: 15 }, { limit: 0 }, { markets: [] }, { markets: ['correct_score'] }, { minEdge: Number.NaN }]) {
      const e = await api.soccer.valueBets.query(bad as never).catch((x: unknown) => x);
      expect(errorCode(e), JSON.stringify(bad)).toBe('BAD_REQUEST');
      expect(message(e)).toMatch(/^invalid input: (minEdge|days|limit|markets)/); // names the field
    }
  });
});

describe('nfl.props.board (HTTP inside workerd)', () => {
  it('one row per player, market and line with every book’s prices and the best of each side', async () => {
    const api = trpcClient(suite.env);
    const board = await api.nfl.props.board.query({ days: 14 });
    expect(board.fixtures).toBeGreaterThan(0);
    expect(board.bookmakers).toEqual(['sim_book', 'sim_book_b']);
    expect(board.rows.length).toBe(board.fixtures * 6); // a QB's passing yards, a WR's receiving yards and receptions per side
    const kicks = board.rows.map((r) => r.kickoffAt.getTime());
    expect(kicks).toEqual([...kicks].sort((a, b) => a - b));
    for (const r of board.rows) {
      expect(r.books.map((b) => b.bookmaker)).toEqual(['sim_book', 'sim_book_b']);
      for (const side of ['over', 'under'] as const) {
        const best = side === 'over' ? r.bestOver! : r.bestUnder!;
        const prices = r.books.map((b) => b[side]!.price);
        expect(best.price).toBe(Math.max(...prices));
        expect(r.books.find((b) => b.bookmaker === best.bookmaker)![side]!.price).toBe(best.price);
        const [win, lose] = side === 'over' ? [r.model.over, r.model.under] : [r.model.under, r.model.over];
        expect(best.expectedValue).toBeCloseTo(pricing.expectedValueWithPush(win, lose, best.price), 12);
      }
      expect(r.edge).toBe(Math.max(r.bestOver!.expectedValue, r.bestUnder!.expectedValue));
    }
    // The board agrees with the game's props panel.
    const row = board.rows[0]!;
    const panel = await api.nfl.props.byFixture.query({ fixtureId: row.fixtureId, markets: [row.market] });
    const quotes = panel.players.find((p) => p.playerId === row.playerId)!.markets[0]!.quotes;
    expect(quotes.map((q) => [q.bookmaker, q.line, q.over?.price, q.under?.price])).toEqual(row.books.map((b) => [b.bookmaker, row.line, b.over?.price, b.under?.price]));

    const receptions = await api.nfl.props.board.query({ days: 14, markets: ['receptions'] });
    expect(receptions.rows.length).toBe(board.fixtures * 2);
    expect(receptions.rows.every((r) => r.market === 'receptions')).toBe(true);
  });

  it('bad input is a clear BAD_REQUEST', async () => {
    const api = trpcClient(suite.env);
    for (const bad of [{ days: 0 }, { days: 15 }, { days: 1.5 }, { markets: [] }, { markets: ['goals'] }]) {
      const e = await api.nfl.props.board.query(bad as never).catch((x: unknown) => x);
      expect(errorCode(e), JSON.stringify(bad)).toBe('BAD_REQUEST');
    }
  });
});
