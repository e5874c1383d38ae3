/**
 * Pushing portfolio events to their owners: each user's `closing` and `settled` events go to that user's private room
 * (`user:<id>`), one batched call per user.
 */
import type { RoomEvent } from '../rooms/protocol.ts';
import { userRoom } from '../rooms/protocol.ts';
import type { RoomPublisher } from '../rooms/publisher.ts';
import type { ClosingCaptured } from '../services/bets/capture-closing.ts';
import type { BetSettled } from '../services/bets/settle-bets.ts';

/** The `closing` room event of a captured closing line. */
export function closingEvent(c: ClosingCaptured): RoomEvent {
  return {
    kind: 'closing', betId: c.betId, portfolioId: c.portfolioId, fixtureId: c.fixtureId, closingPrice: c.closingPrice, source: c.closingSource,
    fairProbability: c.fairProbability, clv: c.clv,
  };
}

/** The `settled` room event of a settlement. */
export function settledEvent(s: BetSettled): RoomEvent {
  return {
    kind: 'settled', betId: s.betId, portfolioId: s.portfolioId, fixtureId: s.fixtureId, result: s.result, pnl: s.pnl, currency: s.currency,
    resettled: s.resettled, sequence: s.sequence,
  };
}

/** Publishes `events` (each with its owner) to their owners' rooms; answers how many rooms were published to. */
export async function publishToOwners(rooms: RoomPublisher, events: readonly { userId: string; event: RoomEvent }[]): Promise<number> {
  const byUser = new Map<string, RoomEvent[]>();
  for (const e of events) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e.event]);
  for (const [userId, list] of byUser) await rooms.publishMany(userRoom(userId), list);
  return byUser.size;
}
