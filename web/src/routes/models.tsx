import { createAsync } from '@solidjs/router';
import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { EmptyState } from '../components/empty-state.tsx';
import { HistoryTable } from '../components/models/history-table.tsx';
import { KIND_INFO, scopeLabel, type KindOverview } from '../components/models/labels.ts';
import { ScopeCard } from '../components/models/scope-card.tsx';
import { SkeletonCard } from '../components/skeleton.tsx';
import { createBrowserResource } from '../lib/account.ts';
import { friendlyError } from '../lib/errors.ts';
import { getMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';

/** One model kind: what it is, a choice of scope when it has several (one prop model per market), and that scope. */
function KindSection(props: { kind: KindOverview; admin: boolean; onChanged: () => void }) {
  const info = () => KIND_INFO[props.kind.kind];
  // The first scope with an active version is the one shown first.
  const initial = () => (props.kind.scopes.find((s) => s.active) ?? props.kind.scopes[0])?.scope;
  const [chosen, setChosen] = createSignal<string | undefined>();
  const slot = createMemo(() => props.kind.scopes.find((s) => s.scope === (chosen() ?? initial())));
  return (
    <section class="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6" data-testid="model-kind" data-kind={props.kind.kind}>
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div class="min-w-0">
          <h2 class="text-lg font-medium">{info().name}</h2>
          <p class="max-w-3xl text-sm text-slate-600">{info().about}</p>
        </div>
        <Show when={props.kind.scopes.length > 1}>
          <label class="text-sm text-slate-600">
            Scope{' '}
            <select class="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" data-testid="scope-select" value={slot()?.scope ?? ''}
              onChange={(e) => setChosen(e.currentTarget.value)}>
              <For each={props.kind.scopes}>{(s) => <option value={s.scope}>{scopeLabel(s.scope)}{s.active ? '' : ' (none active)'}</option>}</For>
            </select>
          </label>
        </Show>
      </div>
      {/* Not keyed: after a refetch (an admin's change) the same card stays mounted and takes the new data. */}
      <Show when={slot()} fallback={<EmptyState title="No version filed yet" testId="kind-empty">This model has not been trained on this platform’s data yet.</EmptyState>}>
        {(s) => <ScopeCard kind={props.kind.kind} slot={s()} admin={props.admin} onChanged={props.onChanged} />}
      </Show>
    </section>
  );
}

/**
 * `/models`: how good the models are — every model kind with its active version and metrics, a reliability diagram,
 * the backtest against the market over versions, and the registry's promotion history (models.overview, public).
 * Admins also get promote and roll back, each with a reason.
 */
export default function Models() {
  const me = createAsync(() => getMe());
  const admin = () => me()?.user.role === 'admin';
  const [overview, { refetch }] = createBrowserResource(() => api.models.overview.query());
  return (
    <section class="space-y-6" data-testid="models-page">
      <div>
        <h1 class="text-2xl font-semibold">Models</h1>
        <p class="mt-1 max-w-3xl text-sm text-slate-600">
          Every model behind the prices: the version serving now and its scores, how well its probabilities match what happened (reliability: a calibrated
          model’s dots sit on the diagonal), how each version scored against the market on matches it had not seen, and every change of the serving version.
        </p>
      </div>
      <Show when={overview.error}>
        <p class="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="models-error">{friendlyError(overview.error)}</p>
      </Show>
      {/* `latest` keeps the page (and an admin's confirmation) on screen while a change refetches it; Index keeps
          each kind's section mounted across refetches, which answer new objects. */}
      <Show when={overview.latest} fallback={<Show when={!overview.error}><SkeletonCard lines={6} label="Loading the models…" /></Show>}>
        {(o) => (
          <>
            <Index each={o().kinds}>{(k) => <KindSection kind={k()} admin={admin()} onChanged={() => void refetch()} />}</Index>
            <section class="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
              <h2 class="text-lg font-medium">Promotion history</h2>
              <HistoryTable history={o().history} />
            </section>
          </>
        )}
      </Show>
    </section>
  );
}
