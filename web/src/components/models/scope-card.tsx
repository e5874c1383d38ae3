/**
 * One registry slot (a model kind's scope) on the models page: the active version and its metrics, the reliability
 * diagram, the backtest against the market over versions, the recent versions, and — for admins — promote and
 * roll back.
 */
import { For, Show } from 'solid-js';
import { formatWhen } from '../../lib/format.ts';
import { BacktestChart } from './backtest-chart.tsx';
import { listedMetrics, metricValue, scopeLabel, type ModelKind, type ScopeOverview } from './labels.ts';
import { RegistryActions } from './registry-actions.tsx';
import { ReliabilityChart } from './reliability-chart.tsx';

const LEVEL_CLASS: Record<string, string> = {
  ok: 'bg-emerald-100 text-emerald-800',
  warn: 'bg-amber-100 text-amber-800',
  alert: 'bg-rose-100 text-rose-800',
};

/** The active version's latest drift report in one block: calibration figures and the most shifted features (PSI). */
function DriftLine(props: { drift: NonNullable<ScopeOverview['drift']> }) {
  const d = () => props.drift;
  return (
    <div class="rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200" data-testid="drift">
      <p>
        <span class="font-medium">Monitoring</span>{' '}
        <span class={`rounded px-1.5 py-0.5 text-xs ${LEVEL_CLASS[d().level] ?? ''}`} data-testid="drift-level">{d().level}</span>{' '}
        <span class="text-xs text-slate-500">report of {d().reportedOn}</span>
      </p>
      <p class="mt-1 text-slate-700">
        <For each={d().calibration}>
          {(c, i) => (
            <>
              {i() > 0 ? ' · ' : ''}
              <span title={`${c.sampleSize} settled predictions, ${c.window}`}>
                {c.metric === 'ece' ? 'ECE' : c.metric === 'brier' ? 'Brier' : c.metric} <span class="font-mono">{metricValue(c.value)}</span>
                <Show when={c.level !== 'ok'}> <span class={`rounded px-1 text-xs ${LEVEL_CLASS[c.level] ?? ''}`}>{c.level}</span></Show>
              </span>
            </>
          )}
        </For>
        <Show when={d().features.length > 0}>
          {d().calibration.length > 0 ? ' · ' : ''}feature shift (PSI):{' '}
          <For each={d().features}>
            {(f, i) => (
              <>
                {i() > 0 ? ', ' : ''}
                <span class={f.level === 'ok' ? '' : 'font-medium'}>{f.feature} <span class="font-mono">{f.psi.toFixed(2)}</span></span>
              </>
            )}
          </For>
        </Show>
      </p>
    </div>
  );
}

const STATUS_CLASS: Record<string, string> = {
  active: 'bg-emerald-100 text-emerald-800',
  candidate: 'bg-sky-100 text-sky-800',
  retired: 'bg-slate-100 text-slate-600',
};

export function ScopeCard(props: { kind: ModelKind; slot: ScopeOverview; admin: boolean; onChanged: () => void }) {
  const s = () => props.slot;
  const cell = 'px-2 py-1.5';
  const score = (m: Record<string, number>, ...keys: string[]) => {
    const k = keys.find((x) => Number.isFinite(m[x]));
    return k ? metricValue(m[k]!) : '—';
  };
  return (
    <div class="space-y-4" data-testid="model-scope" data-scope={s().scope}>
      <div class="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 class="font-medium">{scopeLabel(s().scope)} <span class="font-mono text-xs text-slate-500">{s().scope}</span></h3>
        <Show when={s().active} fallback={<span class="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800" data-testid="no-active">no active version</span>}>
          {(a) => (
            <span class="text-sm text-slate-600" data-testid="active-version">
              Active: <strong>v{a().version}</strong> · {a().activatedAt ? `since ${formatWhen(new Date(a().activatedAt!))}` : `filed ${formatWhen(new Date(a().createdAt))}`}
              <Show when={a().simulated}> <span class="rounded bg-amber-100 px-1 text-xs text-amber-800">simulated</span></Show>
            </span>
          )}
        </Show>
      </div>
      <Show when={s().active && listedMetrics(s().active!.metrics).length > 0}>
        <dl class="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="active-metrics">
          <For each={listedMetrics(s().active!.metrics)}>
            {(m) => (
              <div class="min-w-0"><dt class="truncate text-xs text-slate-500" title={m.key}>{m.label}</dt><dd class="font-mono">{m.value}</dd></div>
            )}
          </For>
        </dl>
      </Show>
      <Show when={s().drift}>{(d) => <DriftLine drift={d()} />}</Show>
      <div class="grid gap-6 lg:grid-cols-2">
        <Show when={s().reliability} fallback={<p class="text-sm text-slate-500" data-testid="no-reliability">No reliability diagram yet: no settled predictions and no stored backtest bins.</p>}>
          {(r) => <ReliabilityChart reliability={r()} title="Reliability" />}
        </Show>
        <Show when={s().backtest.length > 0} fallback={<p class="text-sm text-slate-500" data-testid="no-backtest">No backtest scores recorded for these versions yet.</p>}>
          <BacktestChart points={s().backtest} />
        </Show>
      </div>
      <details class="text-sm">
        <summary class="cursor-pointer text-slate-600">Versions ({s().versions.length})</summary>
        <div class="mt-2 overflow-x-auto">
          <table class="w-full" data-testid="versions">
            <thead class="text-left text-xs text-slate-500">
              <tr><th class={cell}>Version</th><th class={cell}>Status</th><th class={cell}>Filed</th><th class={`${cell} text-right`}>RPS</th><th class={`${cell} text-right`}>Log loss</th><th class={`${cell} text-right`}>Market</th></tr>
            </thead>
            <tbody class="divide-y divide-slate-100">
              <For each={s().versions}>
                {(v) => (
                  <tr data-testid="version-row">
                    <td class={`${cell} font-mono`}>v{v.version}</td>
                    <td class={cell}><span class={`rounded px-1.5 py-0.5 text-xs ${STATUS_CLASS[v.status] ?? ''}`}>{v.status}</span></td>
                    <td class={`${cell} whitespace-nowrap`}>{formatWhen(new Date(v.createdAt))}</td>
                    <td class={`${cell} text-right font-mono`}>{score(v.metrics, 'rps')}</td>
                    <td class={`${cell} text-right font-mono`}>{score(v.metrics, 'logLoss', 'moneylineLogLoss')}</td>
                    <td class={`${cell} text-right font-mono`}>{score(v.metrics, 'marketRps', 'marketLogLoss', 'marketMoneylineLogLoss')}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
      <Show when={props.admin}>
        <RegistryActions kind={props.kind} slot={s()} onChanged={props.onChanged} />
      </Show>
    </div>
  );
}
