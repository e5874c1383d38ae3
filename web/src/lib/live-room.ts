import { createSignal, onCleanup, onMount } from 'solid-js';
import type { RoomEvent, ServerMessage } from '@fairline/worker/rooms/protocol';
import { liveRoomUrl } from './live-url.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * A LiveRoom subscription for a component's lifetime: connects in the browser only (onMount), reconnects with
 * capped exponential backoff, and calls `onEvent` for every event the room pushes.
 */
export function createLiveRoom(room: string, onEvent?: (event: RoomEvent, seq: number) => void) {
  const [state, setState] = createSignal<LiveState>('connecting');
  const [events, setEvents] = createSignal(0);
  let socket: WebSocket | undefined;
  let retry = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const connect = () => {
    setState('connecting');
    socket = new WebSocket(liveRoomUrl(room));
    socket.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as ServerMessage;
      if (msg.type === 'welcome') {
        retry = 0;
        setState('live');
      } else if (msg.type === 'event') {
        setEvents((n) => n + 1);
        onEvent?.(msg.event, msg.seq);
        window.dispatchEvent(new CustomEvent('fairline:live', { detail: msg }));
      }
    };
    socket.onclose = () => {
      setState('offline');
      if (stopped) return;
      timer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** retry++));
    };
  };

  onMount(connect);
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
    socket?.close(1000, 'page closed');
  });
  return { state, events };
}
