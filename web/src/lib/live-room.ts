import { createRoot, createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import type { RoomEvent, ServerMessage } from '@fairline/worker/rooms/protocol';
import { liveRoomUrl } from './live-url.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

type Listener = (event: RoomEvent, seq: number) => void;

/** One socket per room per page, shared by every component subscribed to it (the nav's indicator, a list, a header). */
interface SharedRoom {
  state: Accessor<LiveState>;
  events: Accessor<number>;
  listeners: Set<Listener>;
  release: () => void;
}

const open = new Map<string, SharedRoom>();

/** Connects to `room`, reconnecting with capped exponential backoff, until the last subscriber leaves. */
function connectRoom(room: string): SharedRoom {
  return createRoot((dispose) => {
    const [state, setState] = createSignal<LiveState>('connecting');
    const [events, setEvents] = createSignal(0);
    const listeners = new Set<Listener>();
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
          for (const l of listeners) l(msg.event, msg.seq);
          window.dispatchEvent(new CustomEvent('fairline:live', { detail: msg }));
        }
      };
      socket.onclose = () => {
        setState('offline');
        if (stopped) return;
        timer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** retry++));
      };
    };
    connect();
    return {
      state, events, listeners,
      release: () => {
        stopped = true;
        clearTimeout(timer);
        socket?.close(1000, 'page closed');
        dispose();
      },
    };
  });
}

/**
 * A LiveRoom subscription for a component's lifetime: connects in the browser only (onMount) and calls `onEvent`
 * for every event the room pushes. Components subscribed to the same room share one socket (opened by the first,
 * closed when the last unmounts), so a page never holds two sockets to one room.
 */
export function createLiveRoom(room: string, onEvent?: Listener) {
  const [shared, setShared] = createSignal<SharedRoom>();
  const listener: Listener = (event, seq) => onEvent?.(event, seq);
  onMount(() => {
    let r = open.get(room);
    if (!r) open.set(room, (r = connectRoom(room)));
    r.listeners.add(listener);
    setShared(r);
  });
  onCleanup(() => {
    const r = shared();
    if (!r) return;
    r.listeners.delete(listener);
    if (r.listeners.size === 0 && open.get(room) === r) {
      open.delete(room);
      r.release();
    }
  });
  const state = (): LiveState => shared()?.state() ?? 'connecting';
  const events = (): number => shared()?.events() ?? 0;
  return { state, events };
}
