import { A } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { ev, formatKickoff, odds, pct, PROP_MARKET_LABEL } from '../lib/format.ts';
import { createLiveRoom } from '../lib/live-room.ts';
import { api } from '../lib/trpc.ts';

/**
 * The value finder: every upcoming NFL player-prop price whose expected value under our model clears the
 * chosen edge, best first, with what it rests on (model probability and fair price at that line, the book's
 * own margin-free probability). Refreshes when the NFL room announces new odds or predictions.
 */
export default function ValuePage() {
  const [minEdge, setMinEdge] = createSignal(2);
  const [days, setDays] = createSignal(7);
  const query = () => ({ minEdge: minEdge() / 100, days: days() });
  const [data, { refetch }] = createResource(query, (q) => api.props.valueBets.query(q));
  let pending: ReturnType<typeof setTimeout> | undefined;
  const live = createLiveRoom('nfl', (event) => {
    if (event.kind === 'odds' || event.kind === 'prediction') {
      clearTimeout(pending);
      pending = setTimeout(() => void refetch(), 1500);
    }
  });
  onCleanup(() => clearTimeout(pending));
  const cell = 'px-2 py-1.5';
  return (
    <section class="space-y-4" data-testid="value-page" data-live={live.state()}>
      <div>
        <h1 class="text-2xl font-semibold">Value finder</h1>
        <p class="text-slate-600 mt-1 text-sm">
          Upcoming NFL player-prop prices where our model’s expected value per unit staked is at least the edge below (a push refunds
          the stake). Model probabilities are at each book’s own line.
        </p>
      </div>
      <form class="flex flex-wrap items-center gap-4 text-sm" onSubmit={(e) => e.preventDefault()}>
        <label class="text-slate-600">
          Minimum edge{' '}
          <select name="edge" class="rounded border border-slate-300 px-1 py-0.5" value={String(minEdge())} onChange={(e) => setMinEdge(Number(e.currentTarget.value))}>
            <For each={[0, 1, 2, 3, 5, 10]}>{(v) => <option value={String(v)}>{`+${v}%`}</option>}</For>
          </select>
        </label>
        <label class="text-slate-600">
          Games within{' '}
          <select name="days" class="rounded border border-slate-300 px-1 py-0.5" value={String(days())} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            <For each={[1, 3, 7, 14]}>{(v) => <option value={String(v)}>{`${v} day${v > 1 ? 's' : ''}`}</option>}</For>
          </select>
        </label>
      </form>
      <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-4">
        <Show when={!data.error} fallback={<p class="text-sm text-rose-700" data-testid="value-error">{String(data.error?.message ?? '')}</p>}>
          <Show when={data()} fallback={<p class="text-sm text-slate-500">Loading…</p>}>
            {(d) => (
              <Show
                when={d().bets.length > 0}
                fallback={<p class="text-sm text-slate-500" data-testid="value-empty">No price clears this edge in {d().fixtures} upcoming game{d().fixtures === 1 ? '' : 's'} with projections.</p>}
              >
                <p class="text-xs text-slate-500 mb-2" data-testid="value-summary">
                  {d().bets.length} price{d().bets.length === 1 ? '' : 's'} across {d().fixtures} game{d().fixtures === 1 ? '' : 's'}
                  <Show when={d().bets.some((b) => b.modelVersion.simulated)}>
                    <span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">simulated demo models</span>
                  </Show>
                </p>
                <table class="w-full text-sm">
                  <thead class="text-left text-slate-500">
                    <tr>
                      <th class={cell}>Game</th><th class={cell}>Player</th><th class={cell}>Market</th><th class={cell}>Bet</th><th class={cell}>Book</th>
                      <th class={`${cell} text-right`}>Price</th><th class={`${cell} text-right`}>Model P</th><th class={`${cell} text-right`}>Fair</th>
                      <th class={`${cell} text-right`}>Book P</th><th class={`${cell} text-right`}>EV</th>
                    </tr>
                  </thead>
                  <tbody class="divide-y divide-slate-100">
                    <For each={d().bets}>
                      {(b) => (
                        <tr data-testid="value-row">
                          <td class={cell}>
                            <A href={`/fixtures/${b.fixtureId}`} class="hover:underline">{b.awayTeam} @ {b.homeTeam}</A>
                            <div class="text-xs text-slate-500">{formatKickoff(new Date(b.kickoffAt))}</div>
                          </td>
                          <td class={cell}>{b.player}<Show when={b.team}><span class="text-xs text-slate-500"> · {b.team}</span></Show></td>
                          <td class={cell}>{PROP_MARKET_LABEL[b.market] ?? b.market}</td>
                          <td class={cell}>{b.market === 'anytime_td' ? (b.side === 'over' ? 'Yes' : 'No') : `${b.side === 'over' ? 'Over' : 'Under'} ${b.line}`}</td>
                          <td class={cell}>{b.bookmaker}</td>
                          <td class={`${cell} text-right font-mono`}>{odds(b.price)}</td>
                          <td class={`${cell} text-right`}>
                            {pct(b.model.win)}<Show when={b.model.push > 0}><div class="text-xs text-slate-500">push {pct(b.model.push)}</div></Show>
                          </td>
                          <td class={`${cell} text-right font-mono`}>{odds(b.model.fairPrice)}</td>
                          <td class={`${cell} text-right`}>{b.bookFair === null ? '—' : pct(b.bookFair)}</td>
                          <td class={`${cell} text-right font-medium text-emerald-700`} data-testid="value-ev">{ev(b.expectedValue)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            )}
          </Show>
        </Show>
      </div>
    </section>
  );
}
