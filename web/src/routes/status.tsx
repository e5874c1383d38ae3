import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { api } from '../lib/trpc.ts';

/** API health through the typed tRPC client (system.health). */
export default function Status() {
  const [ready, setReady] = createSignal(false);
  onMount(() => setReady(true));
  const [health, { refetch }] = createResource(ready, () => api.system.health.query());
  return (
    <section class="space-y-4">
      <h1 class="text-2xl font-semibold">API status</h1>
      <Show when={health()} fallback={<p class="text-slate-500">{health.error ? `API unreachable: ${String(health.error.message)}` : 'Checking…'}</p>}>
        {(h) => (
          <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-4" data-testid="api-status" data-status={h().status}>
            <p class="font-medium">Overall: <span class="capitalize">{h().status}</span></p>
            <ul class="mt-2 text-sm">
              <For each={Object.entries(h().tiers)}>{([tier, state]) => <li>{tier}: {state}</li>}</For>
            </ul>
          </div>
        )}
      </Show>
      <button class="rounded-md bg-brand px-3 py-1.5 text-sm text-white" onClick={() => refetch()}>Refresh</button>
    </section>
  );
}
