/** The live fixtures tick: fixtures changed since the previous tick (scores, status) pushed to the rooms. */
import { updatedFixtures } from '../services/fixtures/updated-fixtures.ts';
import { ran, type Job } from './job.ts';

/** How far back a tick looks: the cron's period (5 minutes). */
const LOOKBACK_MS = 5 * 60_000;
/** Most fixtures pushed per tick. */
const MAX_FIXTURES = 500;

/** Pushes fixtures changed since the previous tick to the `fixtures` and sport rooms, then a heartbeat. */
export const pushFixtureUpdates: Job = {
  name: 'push-fixture-updates',
  async run({ ctx, rooms }) {
    const since = new Date(ctx.clock().getTime() - LOOKBACK_MS);
    const changed = await updatedFixtures({ ctx, input: { since, limit: MAX_FIXTURES } });
    for (const f of changed) {
      const event = { kind: 'fixture' as const, fixtureId: f.id, status: f.status, homeScore: f.homeScore, awayScore: f.awayScore };
      await rooms.publish('fixtures', event);
      await rooms.publish(f.sport, event);
    }
    await rooms.publish('fixtures', { kind: 'heartbeat', at: ctx.clock().toISOString() });
    return ran({ published: changed.length });
  },
};
