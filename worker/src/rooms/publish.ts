import type { Bindings } from '../env.ts';
import type { RoomEvent, RoomName } from './protocol.ts';

/** Publish an event to a room from anywhere in the worker (routes, cron jobs, services). */
export function publishToRoom(env: Bindings, room: RoomName, event: RoomEvent) {
  const stub = env.LIVE_ROOM.get(env.LIVE_ROOM.idFromName(room));
  return stub.publish(room, event);
}
