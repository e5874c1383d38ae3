/**
 * Fixture lists, read in the browser through the typed tRPC client (`fixtures.list`) — the path the detail page
 * reads one fixture by (`fixtures.byId`), so the web app has one way to the data: the API worker.
 * Fetched once mounted: the same-origin /trpc the client calls is the browser's, not the server renderer's.
 * Live: a `fixture` event on the `fixtures` room (the push-fixture-updates cron) patches the row it names.
 */
import { createResource, createSignal, onMount } from 'solid-js';
import type { RoomEvent } from '@fairline/worker/rooms/protocol';
import { createLiveRoom } from './live-room.ts';
import { api } from './trpc.ts';

/** What `fixtures.list` filters by (sport, competition, status, team, kickoff range and order, paging). */
export type FixtureListFilter = Parameters<typeof api.fixtures.list.query>[0];
type FixtureEvent = Extract<RoomEvent, { kind: 'fixture' }>;
/** The fields a `fixture` event carries. */
export interface LiveFixtureFields {
  id: number;
  status: string;
  homeScore: number | null;
  awayScore: number | null;
}

/**
 * `fixture` with the status and score of a `fixture` event applied when the event names it; the same object
 * otherwise (so an unrelated event re-renders nothing).
 */
export function applyFixtureEvent<F extends LiveFixtureFields>(fixture: F, event: RoomEvent): F {
  if (event.kind !== 'fixture' || event.fixtureId !== fixture.id) return fixture;
  return { ...fixture, status: event.status as F['status'], homeScore: event.homeScore, awayScore: event.awayScore };
}

/**
 * The fixtures matching `filter`, refetched whenever it changes, each row kept live from the `fixtures` room.
 * A filter of `null` asks for nothing (yet): a list that depends on another one's answer.
 */
export function createFixtureList(filter: () => FixtureListFilter | null) {
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [rows, { mutate, refetch }] = createResource(() => (mounted() ? (filter() ?? false) : false), (f) => api.fixtures.list.query(f));
  createLiveRoom('fixtures', (event) => {
    // A failed list has nothing to patch (and reading a failed resource throws).
    if (event.kind !== 'fixture' || rows.error) return;
    const list = rows.latest;
    if (list?.some((f) => f.id === (event as FixtureEvent).fixtureId)) mutate(list.map((f) => applyFixtureEvent(f, event)));
  }, () => void refetch()); // missed events the room cannot replay: read the list again
  return rows;
}
