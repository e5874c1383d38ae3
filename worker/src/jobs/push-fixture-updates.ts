import { fixtures } from '@fairline/db';
import { gte } from 'drizzle-orm';
import { publishToRoom } from '../rooms/publish.ts';
import type { Job } from './job.ts';

/** Pushes fixtures changed since the previous tick (scores, status) to the `fixtures` and sport rooms. */
export const pushFixtureUpdates: Job = {
  name: 'push-fixture-updates',
  async run({ ctx, env }) {
    const since = new Date(ctx.clock().getTime() - 5 * 60_000);
    const changed = await ctx.db
      .select({
        id: fixtures.id,
        sport: fixtures.sport,
        status: fixtures.status,
        homeScore: fixtures.homeScore,
        awayScore: fixtures.awayScore,
      })
      .from(fixtures)
      .where(gte(fixtures.updatedAt, since))
      .limit(500);
    for (const f of changed) {
      const event = { kind: 'fixture' as const, fixtureId: f.id, status: f.status, homeScore: f.homeScore, awayScore: f.awayScore };
      await publishToRoom(env, 'fixtures', event);
      await publishToRoom(env, f.sport, event);
    }
    await publishToRoom(env, 'fixtures', { kind: 'heartbeat', at: ctx.clock().toISOString() });
    return { published: changed.length };
  },
};
