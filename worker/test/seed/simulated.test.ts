/**
 * The demo seed (worker/src/seed): it fills an empty database once — soccer and NFL fixtures, and the props the
 * API serves on every upcoming NFL game — and leaves a seeded database alone.
 */
import { countFixtures, listFixtures } from '@fairline/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../scripts/test/fresh-db.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';

let fresh: FreshDb;
const NOW = Date.UTC(2026, 10, 21, 12);

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});

describe('simulated seed', () => {
  it('seeds an empty database once and is a no-op the second time', async () => {
    const first = await seedSimulatedData(fresh.db, NOW);
    expect(first.seeded).toBe(true);
    expect(first.fixtures).toBeGreaterThan(50);
    const n = await countFixtures(fresh.db);
    expect(n).toBe(first.fixtures);
    // Props: passing yards per QB and receiving yards + receptions per WR, both sides of every upcoming NFL game.
    const upcomingNfl = await listFixtures(fresh.db, { sport: 'nfl', status: 'scheduled', limit: 500 });
    expect(upcomingNfl.length).toBeGreaterThan(0);
    expect(first.projections).toBe(3 * 2 * upcomingNfl.length);
    const counted = await fresh.db.execute(sql`SELECT (SELECT count(*) FROM projections)::int AS projections,
      (SELECT count(*) FROM odds_snapshots WHERE market = 'player_prop')::int AS props`);
    expect((counted as unknown as { rows: Array<{ projections: number; props: number }> }).rows[0]).toEqual({
      // An over and an under per projection at each of two books (sim_book, and sim_book_b at the same line).
      projections: first.projections, props: 4 * first.projections,
    });
    // Every market of each upcoming soccer match at two more books: BTTS and DNB two sides each, totals at 2.5 and a
    // quarter line, the Asian main line (and its nearest half line when the main is not one).
    const upcomingSoccer = await listFixtures(fresh.db, { sport: 'soccer', status: 'scheduled', limit: 500 });
    expect(upcomingSoccer.length).toBeGreaterThan(0);
    const markets = await fresh.db.execute(sql`SELECT o.market, count(*)::int AS n, count(DISTINCT o.fixture_id)::int AS fixtures,
        count(DISTINCT b.key)::int AS books, count(DISTINCT o.line)::int AS lines
      FROM odds_snapshots o JOIN bookmakers b ON b.id = o.bookmaker_id JOIN fixtures f ON f.id = o.fixture_id
      WHERE f.sport = 'soccer' AND o.market <> '1x2' GROUP BY o.market ORDER BY o.market`);
    const by = Object.fromEntries((markets as unknown as { rows: Array<{ market: string; n: number; fixtures: number; books: number; lines: number }> }).rows.map((r) => [r.market, r]));
    const u = upcomingSoccer.length;
    expect(by.btts).toMatchObject({ n: 2 * 2 * u, fixtures: u, books: 2 });
    expect(by.draw_no_bet).toMatchObject({ n: 2 * 2 * u, fixtures: u, books: 2 });
    expect(by.totals).toMatchObject({ n: 2 * 2 * 2 * u, fixtures: u, books: 2 });
    expect(by.totals!.lines).toBeGreaterThan(1); // 2.5 and a quarter line
    expect(by.asian_handicap!.n).toBeGreaterThanOrEqual(2 * 2 * u);
    expect(by.asian_handicap!.n).toBeLessThanOrEqual(2 * 2 * 2 * u);
    const second = await seedSimulatedData(fresh.db, NOW);
    expect(second.seeded).toBe(false);
    expect(await countFixtures(fresh.db)).toBe(n);
  });
});
