/**
 * The odds polling tick, one job: an odds-API poll per sport (NFL with player props), then the prices it
 * changed pushed live — each game's changes to its `fixture:<id>` room and every change to its sport's room.
 * Skipped without an ODDS_API_KEY, and when every sport's previous poll is still running (that poll pushes its
 * own changes). A poll that fails after another sport's committed still pushes what was committed.
 */
import type { Ctx } from '../context.ts';
import type { RoomEvent } from '../rooms/protocol.ts';
import type { RoomPublisher } from '../rooms/publisher.ts';
import { oddsChangesAfter, oddsWatermark, type OddsChange } from '../services/odds/odds-changes.ts';
import { ODDS_API_SOURCE, pollOdds } from '../services/ingest/odds-api/ingest.ts';
import { ODDS_API_BASE, ODDS_SPORTS } from '../services/ingest/odds-api/polled-sports.ts';
import { briefCounts, IngestBusyError } from '../services/ingest/types.ts';
import { ran, type Job, type JobSummary } from './job.ts';

/** Most price changes read per tick. */
export const MAX_CHANGES_PER_TICK = 5000;
/** Most events sent to one room per tick (clients refetch on any odds event; partners can too). */
export const MAX_EVENTS_PER_ROOM = 200;

/** The room event of one price change. */
export function oddsEvent(c: OddsChange): RoomEvent {
  return {
    kind: 'odds', fixtureId: c.fixtureId, market: c.market, selection: c.selection, line: c.line, bookmaker: c.bookmaker, price: c.price,
    playerId: c.playerId, prop: c.prop,
  };
}

/** What a push sent. */
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
export async function pushOddsChanges({ ctx, rooms, sinceId }: { ctx: Pick<Ctx, 'db'>; rooms: RoomPublisher; sinceId: number }): Promise<PushSummary> {
  const { changes, truncated } = await oddsChangesAfter({ ctx, input: { source: ODDS_API_SOURCE, sinceId, limit: MAX_CHANGES_PER_TICK } });
  const byRoom = new Map<`fixture:${number}` | 'soccer' | 'nfl', RoomEvent[]>();
  for (const c of changes) {
    for (const room of [`fixture:${c.fixtureId}` as const, c.sport]) {
      const list = byRoom.get(room) ?? [];
      list.push(oddsEvent(c));
      byRoom.set(room, list);
    }
  }
  let pushed = 0;
  let capped = false;
  for (const [room, events] of byRoom) {
    if (events.length > MAX_EVENTS_PER_ROOM) capped = true;
    const sent = events.slice(-MAX_EVENTS_PER_ROOM); // the newest: a client that missed some refetches anyway
    await rooms.publishMany(room, sent);
    pushed += sent.length;
  }
  return { changes: changes.length, pushed, rooms: byRoom.size, truncated: truncated || capped };
}

/** Per sport: its run's counts (`briefCounts`) or that its previous poll is still running; then what was pushed. */
export const pollOddsJob: Job = {
  name: 'poll-odds',
  async run({ ctx, config, rooms }) {
    const apiKey = config.ODDS_API_KEY;
    if (!apiKey) return { status: 'skipped', reason: 'no ODDS_API_KEY bound' };
    const before = await oddsWatermark({ ctx, input: { source: ODDS_API_SOURCE } });
    const summary: JobSummary = {};
    let polled = 0;
    let error: string | null = null;
    for (const s of ODDS_SPORTS) {
      try {
        const run = await pollOdds({
          ctx,
          // A tick that finds the previous one still running skips rather than queueing up behind it.
          input: { baseUrl: ODDS_API_BASE, apiKey, sport: s.sport, propMarkets: s.propMarkets, waitForLock: false },
        });
        summary[s.sport] = briefCounts(run);
        polled++;
      } catch (err) {
        if (!(err instanceof IngestBusyError)) {
          error = err instanceof Error ? err.message : String(err);
          break;
        }
        summary[s.sport] = 'previous poll still running';
      }
    }
    if (error !== null) {
      // One sport's poll failed after another's committed: push what was committed, then report the failure.
      try {
        Object.assign(summary, await pushOddsChanges({ ctx, rooms, sinceId: before }));
      } catch (pushErr) {
        ctx.logger.error('odds push failed', { error: String(pushErr) });
      }
      return { status: 'failed', error, summary };
    }
    if (polled === 0) return { status: 'skipped', reason: 'previous poll still running' };
    return ran({ ...summary, ...(await pushOddsChanges({ ctx, rooms, sinceId: before })) });
  },
};
