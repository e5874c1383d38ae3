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
      projections: first.projections, props: 2 * first.projections, // an over and an under per projection
    });
    const second = await seedSimulatedData(fresh.db, NOW);
    expect(second.seeded).toBe(false);
    expect(await countFixtures(fresh.db)).toBe(n);
  });
});
