import { createRoot, createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import type { RoomEvent, ServerMessage } from '@fairline/worker/rooms/protocol';
import { SeqTracker } from './live-seq.ts';
import { liveRoomUrl } from './live-url.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

type Listener = (event: RoomEvent, seq: number) => void;

/**
 * One socket per room per page, shared by every component subscribed to it (the nav's indicator, a list, a header).
 * It resumes after a reconnect (`?since=` the last seq, live-seq.ts), drops duplicates, and calls the resync
 * listeners when the room cannot replay what was missed: they refetch.
 */
interface SharedRoom {
  state: Accessor<LiveState>;
  events: Accessor<number>;
  listeners: Set<Listener>;
  resyncListeners: Set<() => void>;
  release: () => void;
}

const open = new Map<string, SharedRoom>();

/** Connects to `room`, reconnecting with capped exponential backoff, until the last subscriber leaves. */
function connectRoom(room: string): SharedRoom {
  return createRoot((dispose) => {
    const [state, setState] = createSignal<LiveState>('connecting');
    const [events, setEvents] = createSignal(0);
    const listeners = new Set<Listener>();
    const resyncListeners = new Set<() => void>();
    const seqs = new SeqTracker();
    let socket: WebSocket | undefined;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const connect = () => {
      setState('connecting');
      socket = new WebSocket(liveRoomUrl(room, seqs.connecting()));
      socket.onmessage = (e) => {
        const msg = JSON.parse(String(e.data)) as ServerMessage;
        if (msg.type === 'welcome') {
          retry = 0;
          setState('live');
        }
        const verdict = seqs.receive(msg);
        if (verdict.event) {
          const { event, seq } = verdict.event;
          setEvents((n) => n + 1);
          for (const l of listeners) l(event, seq);
          window.dispatchEvent(new CustomEvent('fairline:live', { detail: msg }));
        }
        if (verdict.resync) {
          for (const r of resyncListeners) r();
          window.dispatchEvent(new CustomEvent('fairline:resync', { detail: { room, seq: seqs.last } }));
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
      state, events, listeners, resyncListeners,
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
 * for every event the room pushes, once each and in order, also across reconnects (missed events are replayed).
 * `onResync` is called when events were missed that the room can no longer replay (a long disconnect): refetch what
 * the events would have updated. Components subscribed to the same room share one socket (opened by the first,
 * closed when the last unmounts), so a page never holds two sockets to one room.
 */
export function createLiveRoom(room: string, onEvent?: Listener, onResync?: () => void) {
  const [shared, setShared] = createSignal<SharedRoom>();
  const listener: Listener = (event, seq) => onEvent?.(event, seq);
  const resync = () => onResync?.();
  onMount(() => {
    let r = open.get(room);
    if (!r) open.set(room, (r = connectRoom(room)));
    r.listeners.add(listener);
    r.resyncListeners.add(resync);
    setShared(r);
  });
  onCleanup(() => {
    const r = shared();
    if (!r) return;
    r.listeners.delete(listener);
    r.resyncListeners.delete(resync);
    if (r.listeners.size === 0 && open.get(room) === r) {
      open.delete(room);
      r.release();
    }
  });
  const state = (): LiveState => shared()?.state() ?? 'connecting';
  const events = (): number => shared()?.events() ?? 0;
  return { state, events };
}
