/** WebSocket URL of a LiveRoom: straight to the API worker (VITE_API_URL in dev), else same origin. */
export function liveRoomUrl(room: string): string {
  const api = import.meta.env.VITE_API_URL as string | undefined;
  const base = api ? new URL(api) : new URL(window.location.href);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  base.pathname = `/rooms/${encodeURIComponent(room)}`;
  base.search = '';
  return base.toString();
}
