import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { createFixtureList } from '../lib/fixtures.ts';
import { formatKickoff, gameName } from '../lib/format.ts';

/** The landing page: the next upcoming fixtures, through tRPC (fixtures.list). */
export default function Home() {
  const rows = createFixtureList(() => ({ from: new Date(), status: 'scheduled', limit: 8 }));
  return (
    <section class="space-y-6">
      <div>
        <h1 class="text-2xl font-semibold">Fair prices, calibrated probabilities</h1>
        <p class="text-slate-600 mt-1">Soccer match markets and NFL props, priced from our models and compared with the market.</p>
      </div>
      <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-4">
        <div class="flex items-baseline justify-between">
          <h2 class="font-medium">Next up</h2>
          <A href="/fixtures?status=scheduled" class="text-sm text-brand hover:underline">All upcoming →</A>
        </div>
        <Show when={rows()?.length} fallback={<p class="text-slate-500 text-sm mt-2">No upcoming fixtures.</p>}>
          <ul class="mt-2 divide-y divide-slate-100">
            <For each={rows()}>
              {(f) => (
                <li class="py-2 flex flex-col gap-x-4 gap-y-0.5 text-sm sm:flex-row sm:items-baseline">
                  <span class="shrink-0 text-slate-500 sm:w-44">{formatKickoff(f.kickoffAt)}</span>
                  <A href={`/fixtures/${f.id}`} class="hover:underline">{gameName(f.homeTeam, f.awayTeam)}</A>
                  <Show when={f.simulated}><span class="self-start text-xs rounded bg-amber-100 text-amber-800 px-2 sm:ml-auto sm:self-auto">simulated</span></Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}
