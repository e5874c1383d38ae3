import { Show } from 'solid-js';
import type { AccountUsage } from '../../lib/account.ts';
import { count } from '../../lib/format.ts';

/** The plan, its limits and today's use of the daily quota (`apiKeys.usage`). */
export function UsagePanel(props: { usage: AccountUsage | undefined; error: unknown }) {
  return (
    <div class="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" data-testid="usage-panel">
      <h2 class="font-medium">Plan and usage today</h2>
      <Show when={!props.error} fallback={<p class="mt-2 text-sm text-slate-500">Usage is unavailable right now.</p>}>
        <Show when={props.usage} fallback={<p class="mt-2 text-sm text-slate-500">Loading…</p>}>
          {(u) => {
            const used = () => u().today.units;
            const quota = () => u().limits.perDay;
            const share = () => (quota() ? Math.min(1, used() / quota()!) : 0);
            return (
              <div class="mt-3 space-y-3 text-sm">
                <dl class="grid grid-cols-1 gap-3 sm:grid-cols-3">
                  <div>
                    <dt class="text-slate-500">Plan</dt>
                    <dd class="mt-0.5 font-medium capitalize" data-testid="plan">{u().plan}</dd>
                  </div>
                  <div>
                    <dt class="text-slate-500">Rate limit</dt>
                    <dd class="mt-0.5 font-medium">{count(u().limits.perMinute)} units / minute</dd>
                  </div>
                  <div>
                    <dt class="text-slate-500">Daily quota</dt>
                    <dd class="mt-0.5 font-medium">{quota() === null ? 'none' : `${count(quota()!)} units`}</dd>
                  </div>
                </dl>
                <div>
                  <div class="flex flex-wrap items-baseline justify-between gap-x-4 text-slate-600">
                    <span data-testid="usage-today">
                      Today ({u().today.date} UTC): <span class="font-medium text-slate-900">{count(used())}</span> units used
                    </span>
                    <Show when={u().today.remaining !== null}>
                      <span>{count(u().today.remaining!)} left</span>
                    </Show>
                  </div>
                  <Show when={quota()}>
                    <div class="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin="0" aria-valuemax={quota()!} aria-valuenow={used()}>
                      <div class="h-full rounded-full bg-brand" style={{ width: `${(share() * 100).toFixed(1)}%` }} />
                    </div>
                  </Show>
                </div>
                <p class="text-xs text-slate-500">
                  Every API call costs its procedure’s weight in units (most cost 1); the web app’s own pages count too.
                  <Show when={!u().metered}> Usage is not metered on this server (no Redis): no limits apply.</Show>
                </p>
              </div>
            );
          }}
        </Show>
      </Show>
    </div>
  );
}
