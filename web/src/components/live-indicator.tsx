import { createLiveRoom } from '../lib/live-room.ts';

/** Shows whether live updates are flowing; `data-state` lets tests (and CSS) see the state without reading text. */
export function LiveIndicator(props: { room: string }) {
  const { state, events } = createLiveRoom(props.room);
  const dot = () => (state() === 'live' ? 'bg-emerald-400' : state() === 'connecting' ? 'bg-amber-300' : 'bg-rose-400');
  return (
    <span class="inline-flex items-center gap-2 text-sm" data-testid="live-indicator" data-state={state()} title={`${events()} live updates`}>
      <span class={`h-2.5 w-2.5 rounded-full ${dot()}`} />
      {/* The word hides at phone width (the dot and its title stay; screen readers still hear it). */}
      <span class="sr-only sm:not-sr-only">{state() === 'live' ? 'Live' : state() === 'connecting' ? 'Connecting…' : 'Offline'}</span>
    </span>
  );
}
