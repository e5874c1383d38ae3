import { pollOddsJob } from '../ingest/jobs.ts';
import { publishToRoom } from '../rooms/publish.ts';
import type { RoomEvent } from '../rooms/protocol.ts';
import { latestOddsId, oddsChangesSince, type OddsChange } from '../services/odds/odds-changes.ts';
import type { Bindings } from '../env.ts';
import type { Ctx } from '../context.ts';
import type { Job } from './job.ts';

/** Most price changes pushed per tick; beyond that clients get the truncation and refetch on their own. */
export const MAX_PUSHED_CHANGES = 500;

export function oddsEvent(c: OddsChange): RoomEvent {
  return {
    kind: 'odds', fixtureId: c.fixtureId, market: c.market, selection: c.selection, line: c.line, bookmaker: c.bookmaker, price: c.price,
    playerId: c.playerId, prop: c.prop,
  };
}

/** Push the price changes with an id above `sinceId` to each game's room and its sport's room. */
export async function pushOddsChanges(ctx: Ctx, env: Bindings, sinceId: number): Promise<{ pushed: number; truncated: boolean }> {
  const { changes, truncated } = await oddsChangesSince(ctx.db, sinceId, MAX_PUSHED_CHANGES);
  for (const c of changes) {
    const event = oddsEvent(c);
    await publishToRoom(env, `fixture:${c.fixtureId}`, event);
    await publishToRoom(env, c.sport, event);
  }
  return { pushed: changes.length, truncated };
}

/** One odds-polling tick (ingest/jobs.ts), then the prices it changed pushed live. */
export const pollOddsAndPushJob: Job = {
  name: 'poll-odds-and-push',
  async run({ ctx, env }) {
    const before = await latestOddsId(ctx.db);
    const result = await pollOddsJob.run({ ctx, env });
    if ('skipped' in result) return result;
    return { ...result, ...(await pushOddsChanges(ctx, env, before)) };
  },
};
