import { createSignal, onCleanup, onMount } from 'solid-js';
import type { ServerMessage } from '@fairline/worker/rooms/protocol';
import { liveRoomUrl } from '../lib/live-url.ts';

type State = 'connecting' | 'live' | 'offline';

/**
 * Connects to a LiveRoom and shows whether live updates are flowing. Reconnects with capped backoff;
 * `data-state` lets tests (and CSS) see the state without reading text.
 */
export function LiveIndicator(props: { room: string }) {
  const [state, setState] = createSignal<State>('connecting');
  const [events, setEvents] = createSignal(0);
  let socket: WebSocket | undefined;
  let retry = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const connect = () => {
    setState('connecting');
    socket = new WebSocket(liveRoomUrl(props.room));
    socket.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as ServerMessage;
      if (msg.type === 'welcome') {
        retry = 0;
        setState('live');
      } else if (msg.type === 'event') {
        setEvents((n) => n + 1);
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

  const dot = () => (state() === 'live' ? 'bg-emerald-400' : state() === 'connecting' ? 'bg-amber-300' : 'bg-rose-400');
  return (
    <span class="inline-flex items-center gap-2 text-sm" data-testid="live-indicator" data-state={state()} title={`${events()} live updates`}>
      <span class={`h-2.5 w-2.5 rounded-full ${dot()}`} />
      {state() === 'live' ? 'Live' : state() === 'connecting' ? 'Connecting…' : 'Offline'}
    </span>
  );
}
