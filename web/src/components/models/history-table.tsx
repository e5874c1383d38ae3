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

export function HistoryTable(props: { history: readonly RegistryChange[] }) {
  const cell = 'px-2 py-1.5 align-top';
  return (
    <Show when={props.history.length > 0} fallback={<EmptyState title="No changes yet" testId="history-empty">Activations, promotions and rollbacks will be listed here.</EmptyState>}>
      <div class="overflow-x-auto">
        <table class="w-full text-sm" data-testid="registry-history">
          <thead class="text-left text-slate-500">
            <tr><th class={cell}>When</th><th class={cell}>Model</th><th class={cell}>Change</th><th class={cell}>By</th><th class={cell}>Why</th></tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            <For each={props.history}>
              {(c) => (
                <tr data-testid="history-row">
                  <td class={`${cell} whitespace-nowrap`}>{formatWhen(new Date(c.at))}</td>
                  <td class={cell}>{c.kind ? KIND_INFO[c.kind].name : '—'}<Show when={c.scope}> <span class="text-slate-500">· {scopeLabel(c.scope!)}</span></Show></td>
                  <td class={`${cell} whitespace-nowrap`}>
                    {ACTION_LABEL[c.action] ?? c.action} {versionName(c.version, c.versionId)}
                    <Show when={c.fromVersionId !== null}><span class="text-slate-500"> ({c.action === 'gate_refused' ? 'kept' : 'was'} {versionName(c.fromVersion, c.fromVersionId)})</span></Show>
                  </td>
                  <td class={`${cell} whitespace-nowrap`}>{ACTOR_LABEL[c.actor]}</td>
                  <td class={`${cell} text-slate-600`}>{why(c)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
