import { seedSimulatedData } from '../../src/seed/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextGame, suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { errorCode, trpcClient } from './support/worker-http.ts';

const NOW = Date.now();
const DAY = 86_400_000;
let suite: SuiteDb;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
});
afterAll(async () => {
  await suite?.drop();
});

describe('soccer.oddsHistory over HTTP inside workerd', () => {
  it('gives each selection’s stored prices per book, oldest first, ending at the current quote', async () => {
    const api = trpcClient(suite.env);
    const game = await nextGame(suite.db, 'soccer');
    const [history, fair] = await Promise.all([api.soccer.oddsHistory.query({ fixtureId: game.id }), api.soccer.fairPrices.query({ fixtureId: game.id })]);
    const current = fair.quotes.find((q) => q.bookmaker === 'sim_book')!;
    for (const sel of ['home', 'draw', 'away'] as const) {
      const [series] = history.selections[sel];
      expect(series!.bookmaker).toBe('sim_book');
      // The seed's history: five quotes seven to three days out, then the current one two days out.
      expect(series!.points).toHaveLength(6);
      const times = series!.points.map((p) => p.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBe(game.kickoffAt.getTime() - 7 * DAY);
      expect(series!.points.at(-1)!.price).toBe(current.prices[sel]);
      expect(series!.points.every((p) => p.price > 1)).toBe(true);
    }
  });

  it('answers NOT_FOUND for an unknown fixture and BAD_REQUEST for an NFL game', async () => {
    const api = trpcClient(suite.env);
    expect(errorCode(await api.soccer.oddsHistory.query({ fixtureId: 99_999_999 }).catch((e) => e))).toBe('NOT_FOUND');
    const nfl = await nextGame(suite.db, 'nfl');
    expect(errorCode(await api.soccer.oddsHistory.query({ fixtureId: nfl.id }).catch((e) => e))).toBe('BAD_REQUEST');
  });
});
