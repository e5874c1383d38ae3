/**
 * Delivering committed changes to the live rooms — the one path both the queue consumer and the cron (when no queue
 * is bound) take. It reads the odds API's price changes above the push watermark held in the database, reprices the
 * changed fixtures from the active model versions (services/pipeline/reprice), invalidates the fixtures' read caches
 * (services/cache `invalidateFixtures`, before the publish so a client refetching on the event reads the new answer),
 * publishes every room's events in one call per room, and only then moves the watermark on. A crash or a failed
 * publish anywhere before that leaves the watermark where it was, so the next run or retry delivers the same changes
 * again (at-least-once; events are idempotent price states and clients dedupe by sequence number).
 */
import type { Sport } from '@fairline/db';
import type { Ctx } from '../context.ts';
import type { RoomEvent, RoomName } from '../rooms/protocol.ts';
import type { RoomPublisher } from '../rooms/publisher.ts';
import { GENERATION_CHECK_MS } from '../lib/read-cache/generations.ts';
import { invalidateFixtures } from '../services/cache/invalidate.ts';
import { ODDS_API_SOURCE } from '../services/ingest/odds-api/ingest.ts';
import { oddsChangesAfter, type OddsChange } from '../services/odds/odds-changes.ts';
import { changedFixtures, repriceFixtures, type FairProbability } from '../services/pipeline/reprice.ts';
import { advancePushWatermark, ODDS_STREAM, readPushWatermark } from '../services/pipeline/watermark.ts';

/** Most price changes read per round. */
export const MAX_CHANGES_PER_TICK = 5000;
/** Rounds of MAX_CHANGES_PER_TICK one delivery drains before leaving the rest to the next run. */
export const MAX_ROUNDS = 4;
/** Most events of one kind sent to one room per round (clients refetch on any event; partners can too). */
export const MAX_EVENTS_PER_ROOM = 200;

/** The room event of one price change. */
export function oddsEvent(c: OddsChange): RoomEvent {
  return {
    kind: 'odds', fixtureId: c.fixtureId, market: c.market, selection: c.selection, line: c.line, bookmaker: c.bookmaker, price: c.price,
    playerId: c.playerId, prop: c.prop,
  };
}

/** The room event of one fair probability. */
export function predictionEvent(p: FairProbability): RoomEvent {
  const at = p.line === undefined && p.playerId === undefined ? {} : { line: p.line ?? null, playerId: p.playerId ?? null, prop: p.prop ?? null };
  return { kind: 'prediction', fixtureId: p.fixtureId, market: p.market, selection: p.selection, probability: p.probability, ...at };
}

/** What a delivery sent. */
export interface DeliverySummary {
  /** Price changes found above the watermark. */
  changes: number;
  /** Events sent, over all rooms. */
  pushed: number;
  /** Rooms published to (one Durable Object call each per round). */
  rooms: number;
  /** Some changes or events were left out (more than the caps; the newest are kept, the rest is for the next run). */
  truncated: boolean;
}

/** A delivery's figures including its repricing and where the odds watermark stands after it. */
export interface FullDeliverySummary extends DeliverySummary {
  /** Fixtures repriced (those that exist). */
  repriced: number;
  /** Fair probabilities published. */
  probabilities: number;
  /** The odds stream's watermark after the delivery. */
  watermark: number;
}

/** What to deliver besides the odds changes above the watermark. */
export interface DeliveryInput {
  /** Fixtures to reprice and publish fair probabilities of (the fixtures of the odds changes are added when `repriceOdds`). */
  reprice: readonly number[];
  /** Fixtures whose score or status changed: a `fixture` event each, to `fixtures`, its sport and its own room. */
  results: readonly number[];
  /** Reprice the fixtures of the odds changes too (the consumer does; the odds-only cron push does not). */
  repriceOdds: boolean;
}

class RoomBatches {
  readonly byRoom = new Map<RoomName, { odds: RoomEvent[]; fixture: RoomEvent[]; prediction: RoomEvent[] }>();
  add(room: RoomName, part: 'odds' | 'fixture' | 'prediction', event: RoomEvent) {
    let b = this.byRoom.get(room);
    if (!b) this.byRoom.set(room, (b = { odds: [], fixture: [], prediction: [] }));
    b[part].push(event);
  }
}

/**
 * Publishes the odds changes above the push watermark (and, per `input`, the changed fixtures' fair probabilities and
 * live state) to `fixture:<id>`, the sport rooms and `fixtures`, one publishMany per room per round, after invalidating
 * the fixtures' read caches; then advances the watermark to the last change published. Throws when a publish fails,
 * the watermark unmoved.
 */
export async function deliverFixtureChanges({ ctx, rooms, input }: { ctx: Ctx; rooms: RoomPublisher; input: DeliveryInput }): Promise<FullDeliverySummary> {
  const summary: FullDeliverySummary = { changes: 0, pushed: 0, rooms: 0, truncated: false, repriced: 0, probabilities: 0, watermark: 0 };
  let watermark = await readPushWatermark({ ctx, input: { stream: ODDS_STREAM } });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { changes, truncated } = await oddsChangesAfter({ ctx, input: { source: ODDS_API_SOURCE, sinceId: watermark, limit: MAX_CHANGES_PER_TICK } });
    const first = round === 0;
    const reprice = new Set<number>(first ? [...input.reprice, ...input.results] : []);
    if (input.repriceOdds) for (const c of changes) reprice.add(c.fixtureId);
    if (changes.length === 0 && reprice.size === 0) break;

    const batches = new RoomBatches();
    for (const c of changes) {
      const e = oddsEvent(c);
      batches.add(`fixture:${c.fixtureId}`, 'odds', e);
      batches.add(c.sport, 'odds', e);
    }
    const fixtures = await changedFixtures({ ctx, input: { fixtureIds: [...reprice] } });
    // The read caches first (the data is committed): a client refetching on the event must not get the old answer.
    // Other isolates learn the new generation within GENERATION_CHECK_MS, so the publish waits out what is left of it
    // after repricing. Best effort: never throws; without it cached answers are at most 60 s old.
    const sports = [...new Set([...fixtures.map((f) => f.sport), ...changes.map((c) => c.sport)])] as Sport[];
    const invalidatedAt = Date.now();
    if (sports.length > 0) await invalidateFixtures({ ctx, input: { fixtureIds: [...new Set([...reprice, ...changes.map((c) => c.fixtureId)])], sports } });
    const propLines = input.repriceOdds
      ? changes.flatMap((c) => (c.market === 'player_prop' && c.playerId !== null && c.prop !== null && c.line !== null ? [{ fixtureId: c.fixtureId, playerId: c.playerId, prop: c.prop, line: c.line }] : []))
      : [];
    const { probabilities } = await repriceFixtures({ ctx, input: { fixtures, propLines } });
    const sportOf = new Map(fixtures.map((f) => [f.id, f.sport]));
    const resultIds = new Set(first ? input.results : []);
    for (const f of fixtures) {
      if (!resultIds.has(f.id)) continue;
      const e: RoomEvent = { kind: 'fixture', fixtureId: f.id, status: f.status, homeScore: f.homeScore, awayScore: f.awayScore };
      for (const room of ['fixtures', f.sport, `fixture:${f.id}`] as const) batches.add(room, 'fixture', e);
    }
    for (const p of probabilities) {
      const e = predictionEvent(p);
      batches.add(`fixture:${p.fixtureId}`, 'prediction', e);
      batches.add(sportOf.get(p.fixtureId)!, 'prediction', e);
    }

    const wait = ctx.cache && sports.length > 0 ? GENERATION_CHECK_MS - (Date.now() - invalidatedAt) : 0;
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    let capped = false;
    const sends: Array<Promise<unknown>> = [];
    for (const [room, b] of batches.byRoom) {
      // Per kind, the newest MAX_EVENTS_PER_ROOM: a client that missed some refetches anyway.
      const parts = [b.odds, b.fixture, b.prediction].map((list) => {
        if (list.length > MAX_EVENTS_PER_ROOM) capped = true;
        return list.slice(-MAX_EVENTS_PER_ROOM);
      });
      const events = parts.flat();
      summary.pushed += events.length;
      sends.push(rooms.publishMany(room, events));
    }
    // Rooms are independent Durable Objects: publish to them at once; any failure fails the delivery (and its retry
    // re-sends to every room — at-least-once).
    await Promise.all(sends);
    summary.rooms += batches.byRoom.size;
    summary.changes += changes.length;
    summary.repriced += fixtures.length;
    summary.probabilities += probabilities.length;
    summary.truncated ||= capped || (truncated && round === MAX_ROUNDS - 1);

    if (changes.length > 0) watermark = await advancePushWatermark({ ctx, input: { stream: ODDS_STREAM, lastId: changes[changes.length - 1]!.id } });
    if (!truncated) break;
  }
  summary.watermark = watermark;
  return summary;
}

/**
 * The cron's odds push (when no queue is bound): the odds changes above the shared watermark to the rooms, without
 * repricing — the same watermark the queue consumer reads and advances.
 */
export async function pushOddsChanges({ ctx, rooms }: { ctx: Ctx; rooms: RoomPublisher }): Promise<DeliverySummary> {
  const { changes, pushed, rooms: n, truncated } = await deliverFixtureChanges({ ctx, rooms, input: { reprice: [], results: [], repriceOdds: false } });
  return { changes, pushed, rooms: n, truncated };
}
