import { bookmakers, modelVersions, oddsSnapshots } from '@fairline/db';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { lineOdds, loadGameLines, marginLaw, priceGame } from '@fairline/ml/nfl/game-lines/index';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextGame as nextScheduled, suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { errorCode, trpcClient } from './support/worker-http.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
let suite: SuiteDb;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
});
afterAll(async () => {
  await suite?.drop();
});

const nextGame = (sport: 'nfl' | 'soccer') => nextScheduled(suite.db, sport);

/** A book's even-money (1.91/1.91) home handicap for a game: the seed's main line for that book. */
async function evenHomeLine(fixtureId: number, book: string) {
  const rows = await suite.db
    .select({ line: oddsSnapshots.line, price: oddsSnapshots.price })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(and(eq(oddsSnapshots.fixtureId, fixtureId), eq(oddsSnapshots.market, 'spread'), eq(oddsSnapshots.selection, 'home'), eq(bookmakers.key, book), eq(oddsSnapshots.price, 1.91)));
  expect(rows).toHaveLength(1);
  return rows[0]!.line! + 0;
}

describe('game lines over HTTP inside workerd', () => {
  it('nflGameLines prices the simulated books’ lines with the seeded model centred on their consensus', async () => {
    const api = trpcClient(suite.env);
    const game = await nextGame('nfl');
    const r = await api.nfl.gameLines.byFixture.query({ fixtureId: game.id });
    expect(r.model).toMatchObject({ status: 'active', simulated: true });
    const [mv] = await suite.db.select({ artifact: modelVersions.artifact, config: modelVersions.config }).from(modelVersions).where(eq(modelVersions.id, r.model.id));
    expect(mv!.config).toMatchObject({ simulated: true });
    const model = loadGameLines(mv!.artifact as object);

    // Two books, each with its even-money line as its main line; the consensus is their median.
    const a = await evenHomeLine(game.id, 'sim_book');
    const b = await evenHomeLine(game.id, 'sim_book_b');
    expect(r.consensus.spread!.mainLines).toEqual([{ bookmaker: 'sim_book', line: a }, { bookmaker: 'sim_book_b', line: b }]);
    const mid = (a + b) / 2;
    expect(r.consensus.spread!.line).toBe(Number.isInteger(mid * 2) ? mid : Math.round(mid));
    expect(r.consensus.total!.books).toBe(2);
    const g = priceGame(model, r.consensus.spread!.marginLine!, r.consensus.total!.line);
    expect(r.prices.homeCover).toEqual(g.homeCover);
    expect(r.prices.moneyline).toEqual(g.moneyline);

    // Book B's alternates are priced at their own lines; every priced side's EV is p_win·(price − 1) − p_lose.
    const bSpreads = r.quotes.filter((q) => q.bookmaker === 'sim_book_b' && q.market === 'spread');
    expect(bSpreads.map((q) => q.main)).toEqual([false, true, false]);
    const law = marginLaw(model, r.consensus.spread!.marginLine!);
    for (const q of bSpreads) expect(q.sides[0].model!.win).toBe(lineOdds(law, -q.line!).over);
    expect(r.quotes.filter((q) => q.market === 'moneyline').map((q) => q.bookmaker)).toEqual(['sim_book', 'sim_book_b']);
    for (const q of r.quotes) {
      for (const s of q.sides) {
        expect(s.model!.win + s.model!.push + s.model!.lose).toBeCloseTo(1, 12);
        expect(s.expectedValue!).toBeCloseTo(s.model!.win * (s.price! - 1) - s.model!.lose, 12);
      }
    }
    expect(r.quotes[0]!.capturedAt).toBeInstanceOf(Date);
  });

  it('nflPriceGameLine prices an alternative line; bad lines and non-NFL games are clear client errors', async () => {
    const api = trpcClient(suite.env);
    const game = await nextGame('nfl');
    const r = await api.nfl.gameLines.priceLine.query({ fixtureId: game.id, market: 'total', line: 41 });
    expect(r.sides.map((s) => s.selection)).toEqual(['over', 'under']);
    expect(r.push).toBeGreaterThan(0);
    expect(r.sides[0].probability + r.sides[1].probability + r.push).toBeCloseTo(1, 12);

    const bad = await api.nfl.gameLines.priceLine.query({ fixtureId: game.id, market: 'spread', line: -3.25 }).catch((e: unknown) => e);
    expect(errorCode(bad)).toBe('BAD_REQUEST');
    expect((bad as Error).message).toBe('invalid input: line: a line is a whole or half number (e.g. -3 or 44.5)');
    const far = await api.nfl.gameLines.priceLine.query({ fixtureId: game.id, market: 'spread', line: 75 }).catch((e: unknown) => e);
    expect((far as Error).message).toMatch(/between −60 and 60/);
    const soccer = await nextGame('soccer');
    const err = await api.nfl.gameLines.byFixture.query({ fixtureId: soccer.id }).catch((e: unknown) => e);
    expect(errorCode(err)).toBe('BAD_REQUEST');
    expect((err as Error).message).toMatch(/not an NFL game/);
    expect(errorCode(await api.nfl.gameLines.byFixture.query({ fixtureId: 99_999_999 }).catch((e) => e))).toBe('NOT_FOUND');
  });
});
