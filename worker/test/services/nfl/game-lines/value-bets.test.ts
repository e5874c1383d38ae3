/**
 * The game-lines value finder against real Postgres: a game-lines model fitted on the shared nflverse games
 * file is recorded, upcoming NFL fixtures get books' spreads, totals and moneylines, and every EV listed is
 * recomputed here from the ml laws centred on the consensus (the books' main lines agree, so it is that line).
 */
import { activate } from '../../../../src/services/models/registry.ts';
import { bookmakers, competitions, fixtures, oddsSnapshots, seasons, teams } from '@fairline/db';
import { parseGames } from '@fairline/ml/nfl/games';
import { fitGameLines, lineOdds, marginLaw, serializeGameLines, totalLaw } from '@fairline/ml/nfl/game-lines/index';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { silentLogger } from '../../../../src/lib/logger.ts';
import { gameLineValueBets, nflGameLines, recordGameLines } from '../../../../src/services/nfl/game-lines/index.ts';
import { gamesText } from '../props/data.ts';

const model = fitGameLines(parseGames([gamesText]), [2016, 2017, 2018]);
const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

let fresh: FreshDb;
let ctx: Ctx;
const fx = { soon: 0, later: 0, finished: 0, unquoted: 0 };

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => NOW, logger: silentLogger, fetch };
  const db = fresh.db;
  const [nfl] = await db.insert(competitions).values({ sport: 'nfl', code: 'T-NFL', name: 'Test NFL' }).returning();
  const [season] = await db.insert(seasons).values({ competitionId: nfl!.id, label: '2026' }).returning();
  const [h, a] = await db.insert(teams).values([{ sport: 'nfl', name: 'Home' }, { sport: 'nfl', name: 'Away' }]).returning();
  const game = async (key: string, inDays: number, status: 'scheduled' | 'final' = 'scheduled') =>
    (await db.insert(fixtures).values({
      sport: 'nfl', competitionId: nfl!.id, seasonId: season!.id, naturalKey: key, homeTeamId: h!.id, awayTeamId: a!.id,
      kickoffAt: new Date(NOW.getTime() + inDays * DAY), status,
    }).returning({ id: fixtures.id }))[0]!.id;
  fx.soon = await game('g-soon', 1);
  fx.later = await game('g-later', 10);
  fx.finished = await game('g-final', 2, 'final');
  fx.unquoted = await game('g-unquoted', 3);

  const [A, B, R] = (await db.insert(bookmakers).values([{ key: 'book_a', name: 'A' }, { key: 'book_b', name: 'B' }, { key: 'nflverse_lines', name: 'nflverse betting lines' }]).returning()).map((b) => b.id) as [number, number, number];
  const at = new Date(NOW.getTime() - 3_600_000);
  type Row = typeof oddsSnapshots.$inferInsert;
  const q = (fixtureId: number, bookmakerId: number, market: Row['market'], selection: string, line: number | null, price: number): Row =>
    ({ fixtureId, bookmakerId, market, selection, line, price, capturedAt: at, source: 'test' });
  const spread = (f: number, b: number, h: number, home: number, away: number) => [q(f, b, 'spread', 'home', h, home), q(f, b, 'spread', 'away', -h, away)];
  const total = (f: number, b: number, line: number, over: number, under: number) => [q(f, b, 'game_total', 'over', line, over), q(f, b, 'game_total', 'under', line, under)];
  await db.insert(oddsSnapshots).values([
    // Both books: home −3 at even money, total 44. Book A also: home −1.5 at 2.6 (too long: the model has home
    // winning by 2+ well over 38 %), and a moneyline far from what −3 implies (away 4.5).
    ...spread(fx.soon, A, -3, 1.91, 1.91), ...spread(fx.soon, B, -3, 1.91, 1.91), ...spread(fx.soon, A, -1.5, 2.6, 1.45),
    ...total(fx.soon, A, 44, 1.91, 1.91), ...total(fx.soon, B, 44, 1.91, 1.91),
    q(fx.soon, A, 'moneyline', 'home', null, 1.3), q(fx.soon, A, 'moneyline', 'away', null, 4.5),
    // The nflverse schedule's line (a reference, not a book): far off the books' −3, so its away side would be
    // "+EV" if it were bettable; it must neither move the consensus nor be listed.
    ...spread(fx.soon, R, -6, 1.91, 1.91),
    // Ten days out: total 47, and an over 40.5 at 2.5; the only spread is the reference line.
    ...spread(fx.later, R, -2.5, 1.91, 1.91),
    ...total(fx.later, A, 47, 1.91, 1.91), ...total(fx.later, A, 40.5, 2.5, 1.5),
    // Finished: never listed, whatever its prices.
    ...total(fx.finished, A, 47, 1.91, 1.91), ...total(fx.finished, A, 20.5, 3, 1.2),
  ]);
}, 120_000);
afterAll(async () => {
  await fresh?.drop();
});

const ev = (win: number, lose: number, price: number) => win * (price - 1) - lose;

describe('nfl.gameLines.valueBets', () => {
  it('answers UNAVAILABLE until a game-lines model exists', async () => {
    await expect(gameLineValueBets({ ctx, input: {} })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const filed = await recordGameLines({ ctx, input: { artifact: serializeGameLines(model), metrics: {} } });
    await activate({ ctx, input: { id: filed.id } });
  });

  it('lists exactly the +EV sides of upcoming games, each EV recomputed from the laws at the consensus, best first', async () => {
    const r = await gameLineValueBets({ ctx, input: { minEdge: 0, days: 7 } });
    expect(r.fixtures).toBe(1); // the unquoted game is not searched, the later one is outside 7 days
    const margin = marginLaw(model, 3); // home −3 = home margin line +3
    const alt = lineOdds(margin, 1.5); // home −1.5 covers when the margin exceeds 1.5
    const ml = lineOdds(margin, 0); // a tie is a push (void)
    const main = lineOdds(margin, 3);
    const tot = lineOdds(totalLaw(model, 44), 44);
    const candidates = [
      { bookmaker: 'book_a', market: 'spread', line: -3, selection: 'home', price: 1.91, ev: ev(main.over, main.under, 1.91) },
      { bookmaker: 'book_a', market: 'spread', line: -3, selection: 'away', price: 1.91, ev: ev(main.under, main.over, 1.91) },
      { bookmaker: 'book_a', market: 'spread', line: -1.5, selection: 'home', price: 2.6, ev: ev(alt.over, alt.under, 2.6) },
      { bookmaker: 'book_a', market: 'spread', line: -1.5, selection: 'away', price: 1.45, ev: ev(alt.under, alt.over, 1.45) },
      { bookmaker: 'book_a', market: 'moneyline', line: null, selection: 'home', price: 1.3, ev: ev(ml.over, ml.under, 1.3) },
      { bookmaker: 'book_a', market: 'moneyline', line: null, selection: 'away', price: 4.5, ev: ev(ml.under, ml.over, 4.5) },
      { bookmaker: 'book_a', market: 'total', line: 44, selection: 'over', price: 1.91, ev: ev(tot.over, tot.under, 1.91) },
    ];
    const expected = candidates.filter((c) => c.ev >= 0).sort((x, y) => y.ev - x.ev);
    // The even-money main lines are −EV (the margin); the long alternate and the long moneyline are +EV.
    expect(expected.map((c) => `${c.market} ${c.selection}`)).toEqual(expect.arrayContaining(['spread home', 'moneyline away']));
    expect(r.bets.map((b) => ({ bookmaker: b.bookmaker, market: b.market, line: b.line, selection: b.selection, price: b.price }))).toEqual(
      expected.map(({ bookmaker, market, line, selection, price }) => ({ bookmaker, market, line, selection, price })),
    );
    r.bets.forEach((b, k) => {
      expect(b.expectedValue).toBeCloseTo(expected[k]!.ev, 12);
      expect(b.fixtureId).toBe(fx.soon);
      expect(b.model.win * (b.model.fairPrice - 1) - b.model.lose).toBeCloseTo(0, 12);
    });
    const spreadBet = r.bets.find((b) => b.market === 'spread')!;
    expect(spreadBet).toMatchObject({ consensus: -3, main: false });
    expect(r.bets.find((b) => b.market === 'moneyline')).toMatchObject({ consensus: null, main: true });
  });

  it('widens with the window, narrows with the edge and the limit, never lists a finished game', async () => {
    const wide = await gameLineValueBets({ ctx, input: { minEdge: 0, days: 14 } });
    expect(wide.fixtures).toBe(2);
    const later = wide.bets.filter((b) => b.fixtureId === fx.later);
    const o = lineOdds(totalLaw(model, 47), 40.5);
    expect(later.map((b) => [b.line, b.selection])).toEqual([[40.5, 'over']]);
    expect(later[0]!.expectedValue).toBeCloseTo(ev(o.over, o.under, 2.5), 12);
    expect(wide.bets.some((b) => b.fixtureId === fx.finished)).toBe(false);
    const top = wide.bets[0]!;
    expect((await gameLineValueBets({ ctx, input: { minEdge: top.expectedValue, days: 14 } })).bets).toEqual([top]);
    expect((await gameLineValueBets({ ctx, input: { minEdge: 0, days: 14, limit: 1 } })).bets).toEqual([top]);
  });

  it('treats the nflverse schedule line as a reference: consensus only where no book quotes, never a value bet', async () => {
    const soon = await nflGameLines({ ctx, input: { fixtureId: fx.soon } });
    expect(soon.consensus.spread).toMatchObject({ line: -3, books: 2 });
    expect(soon.quotes.find((q) => q.bookmaker === 'nflverse_lines')).toMatchObject({ reference: true, line: -6 });
    const later = await nflGameLines({ ctx, input: { fixtureId: fx.later } });
    expect(later.consensus.spread).toMatchObject({ line: -2.5, books: 1, mainLines: [{ bookmaker: 'nflverse_lines', line: -2.5 }] });
    const all = await gameLineValueBets({ ctx, input: { minEdge: 0, days: 14 } });
    expect(all.bets.some((b) => b.bookmaker === 'nflverse_lines')).toBe(false);
  });

  it('answers BAD_REQUEST for a query it cannot run', async () => {
    await expect(gameLineValueBets({ ctx, input: { minEdge: -1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /minEdge/ });
    await expect(gameLineValueBets({ ctx, input: { days: 0 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /days/ });
  });
});
