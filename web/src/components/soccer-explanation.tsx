/**
 * The soccer fixture page's "why": the top factors behind the model's 1X2 (the gradient-boosted soccer model's
 * TreeSHAP contributions, one explanation per outcome, as `soccer.fairPrices` answers them once that model serves),
 * the likeliest outcome first with a switch to the others. The fair-prices card shows it when the answer has
 * explanations (none for Dixon–Coles alone).
 */
import { createSignal, For, Show } from 'solid-js';
import { pct } from '../lib/format.ts';
import { ExplanationView, type Explanation } from './explanation.tsx';

type Outcome = 'home' | 'draw' | 'away';

export function SoccerExplanation(props: {
  explanations: readonly Explanation[];
  probabilities: Record<Outcome, number>;
  home: string;
  away: string;
}) {
  const name = (o: string) => (o === 'home' ? props.home : o === 'away' ? props.away : 'Draw');
  const likeliest = () => (['home', 'draw', 'away'] as const).reduce((a, b) => (props.probabilities[b] > props.probabilities[a] ? b : a));
  const [chosen, setChosen] = createSignal<string | undefined>();
  const target = () => chosen() ?? likeliest();
  const shown = () => props.explanations.find((e) => e.target === target()) ?? props.explanations[0]!;
  const p = () => props.probabilities[shown().target as Outcome];
  return (
    <div class="space-y-2" data-testid="soccer-explanation">
      <div class="flex flex-wrap items-center gap-2">
        <h3 class="text-sm font-medium">Why these probabilities</h3>
        <span class="inline-flex rounded-md ring-1 ring-slate-200" role="group" aria-label="Outcome">
          <For each={props.explanations}>
            {(e) => (
              <button type="button" aria-pressed={shown().target === e.target} onClick={() => setChosen(e.target)}
                class={`px-2 py-0.5 text-xs ${shown().target === e.target ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-50'}`}>
                {name(e.target)}
              </button>
            )}
          </For>
        </span>
      </div>
      <Show when={shown()} keyed>
        {(e) => <ExplanationView explanation={e} headline={`Why ${name(e.target)} ${p() === undefined ? '' : pct(p()!)}`.trim()} testId="fixture-explanation" />}
      </Show>
    </div>
  );
}
