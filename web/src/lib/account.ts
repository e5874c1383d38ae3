/**
 * The account page's data, read in the browser through the typed tRPC client once mounted (like every other page's
 * data): the caller's sessions, API keys and usage. The types come from the API's router.
 */
import { createResource, createSignal, onMount } from 'solid-js';
import { api } from './trpc.ts';

/** One of the caller's sessions (`auth.sessions`). */
export type SessionRow = Awaited<ReturnType<typeof api.auth.sessions.query>>[number];
/** One of the caller's API keys (`apiKeys.list`). */
export type ApiKeyRow = Awaited<ReturnType<typeof api.apiKeys.list.query>>[number];
/** A key just created, with its secret (`apiKeys.create`). */
export type CreatedKey = Awaited<ReturnType<typeof api.apiKeys.create.mutate>>;
/** The account's plan, limits and today's usage (`apiKeys.usage`). */
export type AccountUsage = Awaited<ReturnType<typeof api.apiKeys.usage.query>>;
/** A scope an API key may hold. */
export type ApiScope = CreatedKey['scopes'][number];

/** Every scope, with what it opens, in the order the form lists them (a Record, so a new scope cannot be forgotten). */
export const SCOPE_INFO: Record<ApiScope, string> = {
  'read:markets': 'Fixtures, soccer fair prices and NFL game lines',
  'read:props': 'NFL player props and the props value finder',
  'read:live': 'Live rooms, including your private user room',
  'write:portfolio': 'Your portfolio (bets and settlement)',
};

/** A resource fetched once the page is mounted in the browser, with `refetch` for after a change. */
export function createBrowserResource<T>(load: () => Promise<T>) {
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  return createResource(mounted, async (ready) => (ready ? load() : undefined));
}
