import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';
import { createHttpDb } from '../src/client.ts';
import { countFixtures, fixtureById, listFixtures } from '../src/queries/index.ts';
import { seedSimulatedData } from '../src/seed/index.ts';

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

describe('listFixtures', () => {
  it('filters by sport, status and date range, in kickoff order', async () => {
    const soccer = await listFixtures(fresh.db, { sport: 'soccer', limit: 500 });
    expect(soccer.length).toBeGreaterThan(0);
    expect(soccer.every((f) => f.sport === 'soccer' && f.simulated)).toBe(true);
    const times = soccer.map((f) => f.kickoffAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const finals = await listFixtures(fresh.db, { status: 'final', limit: 500 });
    expect(finals.every((f) => f.status === 'final' && f.homeScore !== null)).toBe(true);
    const upcoming = await listFixtures(fresh.db, { from: new Date(NOW), limit: 500 });
    expect(upcoming.every((f) => f.kickoffAt.getTime() >= NOW && f.status === 'scheduled')).toBe(true);
    expect(finals.length + upcoming.length).toBe(await countFixtures(fresh.db));
  });

  it('filters by competition code and rejects an inverted range', async () => {
    const nfl = await listFixtures(fresh.db, { competition: 'SIM-NFL', limit: 500 });
    expect(nfl.length).toBeGreaterThan(0);
    expect(nfl.every((f) => f.competition === 'SIM-NFL')).toBe(true);
    await expect(listFixtures(fresh.db, { from: new Date(NOW), to: new Date(NOW - 1) })).rejects.toThrow(/from/);
  });

  it('reads the same rows over neon-http as over the Pool', async () => {
    const http = createHttpDb({ url: fresh.url, localProxy: fresh.localProxy });
    const viaHttp = await listFixtures(http, { sport: 'nfl', limit: 5 });
    const viaPool = await listFixtures(fresh.db, { sport: 'nfl', limit: 5 });
    expect(viaHttp).toEqual(viaPool);
    const one = await fixtureById(http, viaPool[0]!.id);
    expect(one).toEqual(viaPool[0]);
    expect(await fixtureById(http, 999_999)).toBeNull();
  });
});
