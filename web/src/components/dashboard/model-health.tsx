import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { EmptyState } from '../empty-state.tsx';
import { SkeletonRows } from '../skeleton.tsx';
import { friendlyError } from '../../lib/errors.ts';
import { formatWhen } from '../../lib/format.ts';
import { api } from '../../lib/trpc.ts';
import { DashboardCard } from './card.tsx';

/** What each model kind prices, for people. */
const KIND_LABEL: Record<string, string> = {
  soccer_dixon_coles: 'Soccer scores (Dixon–Coles)',
  soccer_model: 'Soccer 1X2 (boosted trees)',
  soccer_ensemble: 'Soccer 1X2 (with market)',
  nfl_game_lines: 'NFL game lines',
  nfl_props: 'NFL player props',
};

/** A model older than this since it was made active reads as stale (the crons refit daily). */
const STALE_MS = 14 * 86_400_000;

/**
 * Model health at a glance: the API's own health (system.health) and, per model kind and scope, the active
 * version and how long it has served (models.overview, public) — "no active model" is a health problem too.
 * The details (backtests, reliability, history) are on /models.
 */
export function ModelHealth() {
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [overview] = createResource(mounted, () => api.models.overview.query());
  const [health] = createResource(mounted, () => api.system.health.query());
  const scopes = () => (overview()?.kinds ?? []).flatMap((k) => k.scopes.map((s) => ({ kind: k.kind, ...s })));
  const stale = (at: Date | null) => !at || Date.now() - at.getTime() > STALE_MS;
  return (
    <DashboardCard title="Model health" href="/models" linkText="Details" testId="dashboard-models">
      <p class="mb-2 flex items-center gap-2 text-sm" data-testid="dashboard-api-health" data-status={health()?.status ?? (health.error ? 'down' : 'checking')}>
        <span aria-hidden="true" class={`h-2.5 w-2.5 rounded-full ${health()?.status === 'ok' ? 'bg-emerald-500' : health()?.status === 'degraded' ? 'bg-amber-400' : health.error || health()?.status === 'down' ? 'bg-rose-500' : 'bg-slate-300'}`} />
        <span>API {health() ? health()!.status : health.error ? 'unreachable' : 'checking…'}</span>
      </p>
      <Show when={!overview.error} fallback={<p class="text-sm text-rose-700" role="alert">{friendlyError(overview.error)}</p>}>
        <Show when={overview()} fallback={<SkeletonRows rows={3} label="Loading model health…" />}>
          <Show when={scopes().length > 0} fallback={<EmptyState title="No models filed yet" testId="models-empty">Prices appear once a model is trained and made active.</EmptyState>}>
            <ul class="divide-y divide-slate-100">
              <For each={scopes()}>
                {(s) => (
                  <li class="flex items-baseline justify-between gap-3 py-2 text-sm" data-testid="dashboard-model">
                    <span class="min-w-0">
                      <span class="font-medium">{KIND_LABEL[s.kind] ?? s.kind}</span>
                      <span class="block truncate text-xs text-slate-500">{s.scope}</span>
                    </span>
                    <Show when={s.active} fallback={<span class="shrink-0 rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800">no active model</span>}>
                      {(a) => (
                        <span class="shrink-0 text-right text-xs">
                          <span class={`rounded px-1.5 py-0.5 font-medium ${stale(a().activatedAt ?? a().createdAt) ? 'bg-amber-100 text-amber-800' : 'bg-emerald-50 text-emerald-800'}`}>
                            v{a().version}{a().simulated ? ' · simulated' : ''}
                          </span>
                          <span class="mt-0.5 block text-slate-500">since {formatWhen(a().activatedAt ?? a().createdAt)}</span>
                        </span>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
    </DashboardCard>
  );
}
