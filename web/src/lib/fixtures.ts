/**
 * Fixture lists, read in the browser through the typed tRPC client (`fixtures.list`) — the path the detail page
 * reads one fixture by (`fixtures.byId`), so the web app has one way to the data: the API worker.
 * Fetched once mounted: the same-origin /trpc the client calls is the browser's, not the server renderer's.
 */
import { createResource, createSignal, onMount } from 'solid-js';
import { api } from './trpc.ts';

/** What `fixtures.list` filters by (sport, competition, status, kickoff range, paging). */
export type FixtureListFilter = Parameters<typeof api.fixtures.list.query>[0];

/** The fixtures matching `filter`, refetched whenever it changes. */
export function createFixtureList(filter: () => FixtureListFilter) {
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [rows] = createResource(() => (mounted() ? filter() : false), (f) => api.fixtures.list.query(f));
  return rows;
}
