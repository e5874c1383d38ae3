/**
 * The registry's change history (promotions, rollbacks, activations, retirements, the gate's refusals), newest first,
 * as `models.overview` gives it: who as a category, the reason where the viewer may see it, the gate's comparison.
 */
import { For, Show } from 'solid-js';
import { formatWhen } from '../../lib/format.ts';
import { EmptyState } from '../empty-state.tsx';
import { ACTION_LABEL, ACTOR_LABEL, KIND_INFO, metricValue, scopeLabel, type RegistryChange } from './labels.ts';

const versionName = (v: number | null, id: number | null) => (v !== null ? `v${v}` : id !== null ? `#${id}` : '—');

/** Why, in words: the reason given, else the gate's comparison. */
function why(c: RegistryChange): string {
  if (c.reason) return c.reason;
  if (c.gate) {
    const { metric, candidate, active, tolerance } = c.gate;
    const f = (v: number | null) => (v === null ? '—' : metricValue(v));
    return `${metric}: candidate ${f(candidate)} vs active ${f(active)}${tolerance === null ? '' : ` (tolerance ${f(tolerance)})`}`;
  }
  return '';
}

/** A list rather than a table: at 390 px five columns squeeze the model's name into a word per line. */
export function HistoryTable(props: { history: readonly RegistryChange[] }) {
  return (
    <Show when={props.history.length > 0} fallback={<EmptyState title="No changes yet" testId="history-empty">Activations, promotions and rollbacks will be listed here.</EmptyState>}>
      <ul class="divide-y divide-slate-100 text-sm" data-testid="registry-history">
        <For each={props.history}>
          {(c) => (
            <li class="space-y-0.5 py-2 sm:grid sm:grid-cols-[12rem_minmax(0,16rem)_minmax(0,1fr)] sm:gap-4 sm:space-y-0" data-testid="history-row">
              <p class="text-xs text-slate-500 sm:text-sm sm:text-slate-700">{formatWhen(new Date(c.at))}</p>
              <p class="min-w-0">{c.kind ? KIND_INFO[c.kind].name : '—'}<Show when={c.scope}> <span class="text-slate-500">· {scopeLabel(c.scope!)}</span></Show></p>
              <p class="min-w-0">
                <strong class="font-medium">{ACTION_LABEL[c.action] ?? c.action} {versionName(c.version, c.versionId)}</strong>
                <Show when={c.fromVersionId !== null}><span class="text-slate-500"> ({c.action === 'gate_refused' ? 'kept' : 'was'} {versionName(c.fromVersion, c.fromVersionId)})</span></Show>
                {' '}<span class="text-slate-500">by {ACTOR_LABEL[c.actor]}</span>
                <Show when={why(c)}><span class="block break-words text-slate-600">{why(c)}</span></Show>
              </p>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
