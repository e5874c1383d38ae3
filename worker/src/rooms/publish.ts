import type { RoomEvent, RoomName } from './protocol.ts';

/** Publish an event to a room from anywhere in the worker (routes, cron jobs, services). */
export function publishToRoom(env: Env, room: RoomName, event: RoomEvent) {
  const stub = env.LIVE_ROOM.get(env.LIVE_ROOM.idFromName(room));
  return stub.publish(room, event);
}

/** Publish several events to a room in one Durable Object call (in order, one sequence number each). */
export function publishManyToRoom(env: Env, room: RoomName, events: RoomEvent[]) {
  const stub = env.LIVE_ROOM.get(env.LIVE_ROOM.idFromName(room));
  return stub.publishMany(room, events);
}
