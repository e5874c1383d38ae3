/**
 * Publishing to rooms as a small interface, so that what publishes (cron jobs) never holds the Durable Object
 * binding: the edge builds one from LIVE_ROOM (scheduled.ts `liveRoomPublisher`) and passes it in.
 */
import type { RoomEvent, RoomName } from './protocol.ts';

/** Sends events to rooms: one event, or several in one call (in order, one sequence number each). */
export interface RoomPublisher {
  publish(room: RoomName, event: RoomEvent): Promise<unknown>;
  publishMany(room: RoomName, events: RoomEvent[]): Promise<unknown>;
}
