/**
 * "Why 62 %": the top factors behind one model prediction, as the API gives them (TreeSHAP contributions of a GBDT:
 * services/monitoring/explanations.ts) — the model's average, each factor's signed push with the input value, the
 * rest, and the prediction they add up to. In the prediction's own units (a prop's projected yards) the numbers read
 * directly; on a logit scale (soccer outcomes, anytime TD: before calibration) the pushes are shown as log-odds with
 * bars, since only their signs and sizes relative to each other mean something to a reader.
 */
import { For, Show } from 'solid-js';
import { inputValue, signedContribution, type Explanation } from '../lib/explanation.ts';

export type { Explanation, ExplanationFactor } from '../lib/explanation.ts';

/** A number with at most `digits` decimals (whole numbers stay whole). */
const fixed = (v: number, digits = 1) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));
const signed = signedContribution;

/**
 * The explanation of one prediction. `headline` says what is explained ("Why 62 % over 74.5"); the rest is the
 * decomposition. `testId` names the block for tests.
 */
export function ExplanationView(props: { explanation: Explanation; headline: string; testId?: string }) {
  const e = () => props.explanation;
  const identity = () => e().scale === 'identity';
  const digits = () => (identity() ? (Math.abs(e().value) >= 10 ? 1 : 2) : 2);
  const unit = () => (identity() ? ` ${e().unit}` : '');
  const biggest = () => Math.max(1e-9, ...e().factors.map((f) => Math.abs(f.contribution)), Math.abs(e().rest));
  return (
    <div class="min-w-0 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200" data-testid={props.testId ?? 'explanation'}>
      <p class="font-medium text-slate-800">{props.headline}</p>
      <p class="mt-0.5 text-xs text-slate-600">
        <Show when={identity()} fallback={<>Model margin {fixed(e().value, 2)} log-odds (average {fixed(e().base, 2)}), before calibration.</>}>
          Projected <strong data-testid="explanation-value">{e().value.toFixed(digits())}{unit()}</strong>, against an average of {e().base.toFixed(digits())}{unit()}:
        </Show>
      </p>
      <ul class="mt-2 space-y-1" data-testid="explanation-factors">
        <For each={e().factors}>
          {(f) => (
            <li class="grid grid-cols-[minmax(0,1fr)_4.5rem_5rem] items-center gap-2 sm:grid-cols-[minmax(0,1fr)_4.5rem_8rem]" data-testid="explanation-factor">
              <span class="min-w-0 truncate" title={f.feature}>{f.label} <span class="text-xs text-slate-500">({inputValue(f)})</span></span>
              <span class={`text-right font-mono ${f.contribution >= 0 ? 'text-emerald-700' : 'text-rose-700'}`}>{signed(f.contribution, digits())}</span>
              <span class="relative h-2 rounded bg-slate-200" aria-hidden="true">
                <span class={`absolute inset-y-0 left-0 rounded ${f.contribution >= 0 ? 'bg-emerald-500' : 'bg-rose-500'}`}
                  style={{ width: `${Math.max(4, (Math.abs(f.contribution) / biggest()) * 100)}%` }} />
              </span>
            </li>
          )}
        </For>
        <Show when={Math.abs(e().rest) >= 10 ** -digits()}>
          <li class="grid grid-cols-[minmax(0,1fr)_4.5rem_5rem] gap-2 text-slate-500 sm:grid-cols-[minmax(0,1fr)_4.5rem_8rem]">
            <span>Everything else</span>
            <span class="text-right font-mono">{signed(e().rest, digits())}</span>
            <span />
          </li>
        </Show>
      </ul>
      <p class="mt-2 text-xs text-slate-500">
        Contributions (TreeSHAP) add up from the average to this prediction{identity() ? '' : ' in log-odds; calibration then turns the margins into the probabilities shown'}.
      </p>
    </div>
  );
}
