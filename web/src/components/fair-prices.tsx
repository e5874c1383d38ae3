import { createResource, createSignal, For, Show } from 'solid-js';
import { TrackBet } from './track-bet.tsx';
import { createLiveRoom } from '../lib/live-room.ts';
import { friendlyError, isMissingData } from '../lib/errors.ts';
import { api } from '../lib/trpc.ts';
import { ScoreHeatmap } from './soccer-charts.tsx';
import { MarketQuotes } from './market-quotes.tsx';
import { SoccerExplanation } from './soccer-explanation.tsx';
import { ev, odds, pct } from '../lib/format.ts';

/**
 * Model probabilities and fair odds for a soccer fixture, beside every book's latest prices of every market (1X2 here,
 * totals, Asian handicap, BTTS and DNB in MarketQuotes) with margin and EV highlighted, each with "Track".
 * Refetches when the fixture's room announces new predictions or odds, or that it missed some (resync).
 */
export function FairPrices(props: { fixtureId: number; home?: string; away?: string }) {
  const [data, { refetch }] = createResource(() => props.fixtureId, (id) => api.soccer.fairPrices.query({ fixtureId: id }));
  const [updates, setUpdates] = createSignal(0);
  const live = createLiveRoom(`fixture:${props.fixtureId}`, (event) => {
    if (event.kind === 'prediction' || event.kind === 'odds' || event.kind === 'fixture') {
      setUpdates((n) => n + 1);
      void refetch();
    }
  }, () => void refetch());
  const cell = 'px-3 py-1.5';
  // Only once resolved: reading a failed resource throws (into the error boundary) and a loading one suspends.
  const gbdt = () => (data.state === 'ready' ? (data()?.gbdt ?? null) : null);
  return (
    <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-6 space-y-4" data-testid="fair-prices" data-live={live.state()} data-updates={updates()}>
      <h2 class="font-medium">
        Markets and fair prices{' '}
        {/* Say which model priced the grid: the GBDT model's 1X2 over the Dixon–Coles score shape when one is active. */}
        <span class="text-xs text-slate-500" data-testid="fair-prices-model">
          ({gbdt() ? `gradient-boosted model v${gbdt()!.version} over the Dixon–Coles score grid` : 'Dixon–Coles'}, results before kickoff)
        </span>
      </h2>
      <Show
        when={!data.error}
        fallback={
          <Show when={isMissingData(data.error)} fallback={<p class="text-sm text-rose-700" data-testid="fair-prices-error">Could not load fair prices. {friendlyError(data.error)}</p>}>
            {/* Too little history is a state of the data (PRECONDITION_FAILED), not a failure: said as such, calmly. */}
            <div class="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-600 ring-1 ring-slate-200" data-testid="fair-prices-unavailable">
              <p class="font-medium text-slate-700">No model prices for this match</p>
              <p class="mt-1">{friendlyError(data.error)}</p>
            </div>
          </Show>
        }
      >
        <Show when={data()} fallback={<p class="text-sm text-slate-500">Fitting…</p>}>
          {(d) => (
            <>
              <h3 class="text-sm font-medium">1X2</h3>
              <div class="overflow-x-auto">
              <table class="text-sm" data-testid="fair-1x2">
                <thead class="text-left text-slate-500"><tr><th class={cell}></th><th class={cell}>Home</th><th class={cell}>Draw</th><th class={cell}>Away</th></tr></thead>
                <tbody>
                  <tr><td class={cell}>Model</td><td class={cell}>{pct(d().book.matchOdds.home.p)}</td><td class={cell}>{pct(d().book.matchOdds.draw.p)}</td><td class={cell}>{pct(d().book.matchOdds.away.p)}</td></tr>
                  {/* The ensemble (the GBDT with the market's margin-free prices as inputs): the best 1X2 forecast, beside the model's. */}
                  <Show when={d().ensemble}>
                    {(e) => (
                      <tr data-testid="ensemble-1x2"><td class={cell}>Ensemble <span class="text-xs text-slate-500">with market</span></td><td class={cell}>{pct(e().probabilities.home)}</td><td class={cell}>{pct(e().probabilities.draw)}</td><td class={cell}>{pct(e().probabilities.away)}</td></tr>
                    )}
                  </Show>
                  <tr><td class={cell}>Fair odds</td><td class={`${cell} font-mono`} data-testid="price">{odds(d().book.matchOdds.home.fairPrice)}</td><td class={`${cell} font-mono`} data-testid="price">{odds(d().book.matchOdds.draw.fairPrice)}</td><td class={`${cell} font-mono`} data-testid="price">{odds(d().book.matchOdds.away.fairPrice)}</td></tr>
                  <For each={d().quotes}>
                    {(q) => (
                      <tr class="border-t border-slate-100">
                        <td class={cell}>{q.bookmaker} <span class="text-xs text-slate-500">margin {pct(q.margin)}</span></td>
                        <For each={['home', 'draw', 'away'] as const}>
                          {(s) => (
                            <td class={cell}>
                              <span class="font-mono" data-testid="price">{odds(q.prices[s])}</span>{' '}
                              <span class={q.expectedValue[s] > 0 ? 'text-emerald-700 font-medium' : 'text-slate-500'}>{ev(q.expectedValue[s])}</span>{' '}
                              <TrackBet selection={{ fixtureId: props.fixtureId, market: '1x2', selection: s }} bookmaker={q.bookmaker} price={q.prices[s]} label={`1X2 ${s}`} />
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              </div>
              {/* Why the model's 1X2 is what it is (GBDT models' TreeSHAP factors per outcome; nothing for Dixon–Coles). */}
              <Show when={d().explanations}>
                {(x) => (
                  <SoccerExplanation explanations={x()} home={props.home ?? 'Home'} away={props.away ?? 'Away'}
                    probabilities={d().ensemble?.probabilities ?? { home: d().book.matchOdds.home.p, draw: d().book.matchOdds.draw.p, away: d().book.matchOdds.away.p }} />
                )}
              </Show>
              <MarketQuotes fixtureId={props.fixtureId} markets={d().markets} home={props.home ?? 'Home'} away={props.away ?? 'Away'} />
              <div class="grid grid-cols-2 md:grid-cols-4 gap-4 text-sm">
                <div><p class="text-slate-500">Expected goals</p><p class="font-mono">{d().book.expectedGoals.home.toFixed(2)} – {d().book.expectedGoals.away.toFixed(2)}</p></div>
                <div><p class="text-slate-500">Over / under 2.5</p><p class="font-mono">{odds(d().book.totals['2.5']!.over.fairPrice)} / {odds(d().book.totals['2.5']!.under.fairPrice)}</p></div>
                <div><p class="text-slate-500">Both teams score</p><p class="font-mono">{odds(d().book.bothTeamsToScore.yes.fairPrice)} / {odds(d().book.bothTeamsToScore.no.fairPrice)}</p></div>
                <div><p class="text-slate-500">AH home −0.5 / 0</p><p class="font-mono">{odds(d().book.asianHandicap['-0.5']!.home.fairPrice)} / {odds(d().book.asianHandicap['0']!.home.fairPrice)}</p></div>
              </div>
              <ScoreHeatmap scores={d().book.correctScore.scores} other={d().book.correctScore.other.p} home={props.home ?? 'Home'} away={props.away ?? 'Away'} />
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
