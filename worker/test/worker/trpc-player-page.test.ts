import { seedSimulatedData } from '../../src/seed/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextGame, suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { errorCode, trpcClient } from './support/worker-http.ts';

// Seeded relative to the real clock: the player's next game is one kicking off after the worker's now.
const NOW = Date.now();
let suite: SuiteDb;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
});
afterAll(async () => {
  await suite?.drop();
});

describe('the player page over HTTP inside workerd (nfl.props.player)', () => {
  it('gives a receiver’s game log, the next game’s projections with their law, P(over) by line and hit rates at the books’ line', async () => {
    const api = trpcClient(suite.env);
    const game = await nextGame(suite.db, 'nfl');
    const props = await api.nfl.props.byFixture.query({ fixtureId: game.id });
    const wr = props.players.find((p) => p.position === 'WR')!;
    const page = await api.nfl.props.player.query({ playerId: wr.playerId });

    expect(page.player).toMatchObject({ id: wr.playerId, name: wr.name, position: 'WR' });
    // The simulated season has played weeks: a game log, newest first, each with the receiving box score.
    expect(page.gameLog.length).toBeGreaterThanOrEqual(10); // the seed's previous season gives a log to count the last 10 on
    const kicks = page.gameLog.map((g) => g.kickoffAt.getTime());
    expect(kicks).toEqual([...kicks].sort((a, b) => b - a));
    expect(page.gameLog.every((g) => g.receptions !== null && g.receivingYards !== null && g.opponent)).toBe(true);

    expect(page.next?.fixtureId).toBe(game.id);
    expect(page.next!.markets.map((m) => m.market)).toEqual(['receiving_yards', 'receptions']);
    for (const m of page.next!.markets) {
      const quoted = wr.markets.find((x) => x.market === m.market)!;
      expect(m.bookLine).toBe(quoted.quotes[0]!.line); // one simulated book: its line
      expect(m.line).toBe(m.bookLine);
      // The histogram is the law: close to all its mass (1–99 % range), every bin ≥ 0.
      const mass = m.distribution.reduce((a, b) => a + b.p, 0);
      expect(mass).toBeGreaterThan(0.95);
      expect(mass).toBeLessThanOrEqual(1 + 1e-9);
      expect(m.distribution.every((b) => b.p >= 0 && b.to > b.from)).toBe(true);
      // P(over) falls as the line rises, and at the books' line it is the price byFixture gives.
      expect(m.overCurve.length).toBeGreaterThan(5);
      for (let i = 1; i < m.overCurve.length; i++) expect(m.overCurve[i]!.over).toBeLessThanOrEqual(m.overCurve[i - 1]!.over + 1e-12);
      expect(m.price.over).toBeCloseTo(quoted.quotes[0]!.model.over, 12);
      // Hit rates counted by hand from the game log at the same line.
      const stat = (g: (typeof page.gameLog)[number]) => (m.market === 'receptions' ? g.receptions! : g.receivingYards!);
      const values = page.gameLog.map(stat);
      const overs = (xs: number[]) => xs.filter((v) => v > m.line).length;
      expect(m.hitRates.last5).toMatchObject({ games: 5, overs: overs(values.slice(0, 5)) });
      expect(m.hitRates.last10.games).toBe(Math.min(10, values.length));
      expect(m.hitRates.last10.overs).toBe(overs(values.slice(0, 10)));
      const season = page.gameLog.filter((g) => g.season === page.gameLog[0]!.season).map(stat);
      expect(season.length).toBeLessThan(values.length); // the previous season's games are in the log, not the season's rate
      expect(m.hitRates.season).toMatchObject({ games: season.length, overs: overs(season), rate: overs(season) / season.length });
    }
  });

  it('answers NOT_FOUND for an unknown player and BAD_REQUEST for an id that cannot be one', async () => {
    const api = trpcClient(suite.env);
    expect(errorCode(await api.nfl.props.player.query({ playerId: 999_999 }).catch((e) => e))).toBe('NOT_FOUND');
    expect(errorCode(await api.nfl.props.player.query({ playerId: -1 }).catch((e) => e))).toBe('BAD_REQUEST');
  });
});
