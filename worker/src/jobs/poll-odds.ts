import { pollOddsJob } from '../services/ingest/jobs.ts';
import { ODDS_API_SOURCE } from '../services/ingest/odds-api/ingest.ts';
import { publishManyToRoom } from '../rooms/publish.ts';
import type { RoomEvent } from '../rooms/protocol.ts';
import { latestOddsId, oddsChangesSince, type OddsChange } from '@fairline/db';
import type { Ctx } from '../context.ts';
import type { Job } from './job.ts';

/** Most price changes read per tick. */
export const MAX_CHANGES_PER_TICK = 5000;
/** Most events sent to one room per tick (clients refetch on any odds event; partners can too). */
export const MAX_EVENTS_PER_ROOM = 200;

export function oddsEvent(c: OddsChange): RoomEvent {
  return {
    kind: 'odds', fixtureId: c.fixtureId, market: c.market, selection: c.selection, line: c.line, bookmaker: c.bookmaker, price: c.price,
    playerId: c.playerId, prop: c.prop,
  };
}

export interface PushSummary {
  /** Price changes found. */
  changes: number;
  /** Events sent, over all rooms. */
  pushed: number;
  /** Rooms published to (one Durable Object call each). */
  rooms: number;
  /** Some changes or events were left out (more than the caps). */
  truncated: boolean;
}

/**
 * Push the odds API's price changes with an id above `sinceId`: each game's changes to its `fixture:<id>` room
 * and every change to its sport's room, one batched call per room.
 */
export async function pushOddsChanges(ctx: Ctx, env: Env, sinceId: number): Promise<PushSummary> {
  const { changes, truncated } = await oddsChangesSince(ctx.db, ODDS_API_SOURCE, sinceId, MAX_CHANGES_PER_TICK);
  const rooms = new Map<`fixture:${number}` | 'soccer' | 'nfl', RoomEvent[]>();
  for (const c of changes) {
    for (const room of [`fixture:${c.fixtureId}` as const, c.sport]) {
      const list = rooms.get(room) ?? [];
      list.push(oddsEvent(c));
      rooms.set(room, list);
    }
  }
  let pushed = 0;
  let capped = false;
  for (const [room, events] of rooms) {
    if (events.length > MAX_EVENTS_PER_ROOM) capped = true;
    const sent = events.slice(-MAX_EVENTS_PER_ROOM); // the newest: a client that missed some refetches anyway
    await publishManyToRoom(env, room, sent);
    pushed += sent.length;
  }
  return { changes: changes.length, pushed, rooms: rooms.size, truncated: truncated || capped };
}

/** One odds-polling tick (ingest/jobs.ts), then the prices it changed pushed live. */
export const pollOddsAndPushJob: Job = {
  name: 'poll-odds-and-push',
  async run({ ctx, env }) {
    if (!env.ODDS_API_KEY) return pollOddsJob.run({ ctx, env }); // skipped: no API key
    const before = await latestOddsId(ctx.db, ODDS_API_SOURCE);
    try {
      const result = await pollOddsJob.run({ ctx, env });
      // Every sport's previous poll still running: that poll pushes its own changes.
      if (Object.values(result).every((v) => typeof v === 'string' && v.startsWith('skipped'))) return result;
      return { ...result, ...(await pushOddsChanges(ctx, env, before)) };
    } catch (err) {
      // One sport's poll failed after another's committed: push what was committed, then report the failure.
      await pushOddsChanges(ctx, env, before).catch((pushErr: unknown) => ctx.logger.error('odds push failed', { error: String(pushErr) }));
      throw err;
    }
  },
};
