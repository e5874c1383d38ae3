import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';
import { createHttpDb } from '../src/client.ts';
import { countFixtures, fixtureById, listFixtures } from '../src/queries/index.ts';
import { seedCompetition, seedFixture, seedSeason, seedTeams } from '../src/queries/seed.ts';

let fresh: FreshDb;
const NOW = Date.UTC(2026, 10, 21, 12);
const DAY = 86_400_000;

/**
 * A small league of its own (db tests need no models, so not the demo seed, which lives in the worker): per sport
 * a simulated competition, four teams and a fixture a day from four days before NOW to three after — played ones
 * final with a score, the rest scheduled.
 */
async function smallLeague(db: FreshDb['db']) {
  await db.transaction(async (tx) => {
    for (const sport of ['soccer', 'nfl'] as const) {
      const code = sport === 'soccer' ? 'SIM-SOC' : 'SIM-NFL';
      const competitionId = await seedCompetition(tx, { sport, code, name: `Test ${code}`, country: 'Simulated', simulated: true });
      const seasonId = await seedSeason(tx, competitionId, 'SIM');
      const t = await seedTeams(tx, [0, 1, 2, 3].map((k) => ({ sport, name: `${code} team ${k}`, shortName: `${code}-${k}`, simulated: true })));
      for (let d = -4; d < 3; d++) {
        const [home, away] = [t[(d + 4) % 4]!, t[(d + 5) % 4]!];
        const played = d < 0;
        await seedFixture(tx, {
          sport, competitionId, seasonId, naturalKey: `${code}:SIM:${d}`, homeTeamId: home.id, awayTeamId: away.id,
          kickoffAt: new Date(NOW + d * DAY + (sport === 'soccer' ? 0 : 3_600_000)), status: played ? 'final' : 'scheduled',
          homeScore: played ? 2 : null, awayScore: played ? 1 : null,
        });
      }
    }
  });
}

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  await smallLeague(fresh.db);
});
afterAll(async () => {
  await fresh?.drop();
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
    // A date that does not parse names the field and the form a date takes (it said "expected date, received Date").
    await expect(listFixtures(fresh.db, { from: 'yesterday-ish' })).rejects.toThrow('`from` is not a valid date (use ISO 8601, e.g. 2026-12-05 or 2026-12-05T18:00:00Z)');
    await expect(listFixtures(fresh.db, { to: new Date(Number.NaN) })).rejects.toThrow(/`to` is not a valid date/);
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
