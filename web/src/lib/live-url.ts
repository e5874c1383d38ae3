/**
 * WebSocket URL of a LiveRoom: straight to the API worker (VITE_API_URL in dev), else same origin. `since` (the last
 * seq the page saw) asks the room to replay what was missed since (worker/src/rooms/protocol.ts).
 */
export function liveRoomUrl(room: string, since: number | null = null): string {
  const api = import.meta.env.VITE_API_URL as string | undefined;
  const base = api ? new URL(api) : new URL(window.location.href);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  base.pathname = `/rooms/${encodeURIComponent(room)}`;
  base.search = since === null ? '' : `?since=${since}`;
  return base.toString();
}
