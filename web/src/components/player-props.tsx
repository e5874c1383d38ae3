import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show, type Signal } from 'solid-js';
import { createBurstRefetch } from '../lib/burst-refetch.ts';
import { createLiveRoom } from '../lib/live-room.ts';
import { ev, odds, pct, PROP_MARKET_LABEL } from '../lib/format.ts';
import { friendlyError, lineInputError } from '../lib/errors.ts';
import { api } from '../lib/trpc.ts';
import { ScrollBox } from './scroll-box.tsx';
import { TwoWayPrice } from './two-way-price.tsx';
import { ExplanationView } from './explanation.tsx';

const num = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));

const COUNT_MARKETS = new Set(['receptions', 'completions', 'attempts', 'passing_tds', 'carries']);

/** A pricer's input and last asked line, kept outside the table rows so a refetch does not wipe them. */
interface PricerState {
  line: Signal<string>;
  asked: Signal<number | undefined>;
}

/** Price any whole or half line for one player's market (nfl.props.priceLine). */
function LinePricer(props: { fixtureId: number; playerId: number; market: string; state: PricerState }) {
  const [line, setLine] = props.state.line;
  const [asked, setAsked] = props.state.asked;
  const [inputError, setInputError] = createSignal<string | null>(null);
  const [price] = createResource(asked, (l) =>
    api.nfl.props.priceLine.query({ fixtureId: props.fixtureId, playerId: props.playerId, market: props.market as never, line: l }),
  );
  return (
    <form
      class="flex flex-wrap items-center gap-2 text-xs"
      data-testid="line-pricer"
      onSubmit={(e) => {
        e.preventDefault();
        // An empty or `1,5` line is said plainly here, never sent for the API to answer in a validator's words.
        const wrong = lineInputError(line());
        setInputError(wrong);
        if (!wrong) setAsked(Number(line().trim()));
      }}
    >
      <label class="text-slate-500">Line <input class="w-20 rounded border border-slate-300 px-1 py-0.5 font-mono" inputmode="decimal" value={line()} onInput={(e) => setLine(e.currentTarget.value)} /></label>
      <button class="rounded bg-slate-800 px-2 py-0.5 text-white">Price</button>
      <Show when={!inputError() && !price.error} fallback={<span class="text-rose-700" role="alert" data-testid="line-price-error">{inputError() ?? friendlyError(price.error)}</span>}>
        <Show when={price()}>
          {(p) => (
            <TwoWayPrice
              testId="line-price"
              sides={[{ label: 'over', probability: p().price.over, fairPrice: p().price.fairPrice.over }, { label: 'under', probability: p().price.under, fairPrice: p().price.fairPrice.under }]}
              push={p().price.push}
            />
          )}
        </Show>
      </Show>
    </form>
  );
}

/**
 * NFL player projections for a game (median and 10–90 % range) beside every book's over/under line, with the
 * model's P(over)/P(under) at that line, fair odds, and EV at the book's prices; any other line on demand.
 * Refetches when the game's room announces new predictions or odds.
 */
export function PlayerProps(props: { fixtureId: number }) {
  const [data, { refetch }] = createResource(() => props.fixtureId, (id) => api.nfl.props.byFixture.query({ fixtureId: id }));
  const burst = createBurstRefetch(refetch);
  const live = createLiveRoom(`fixture:${props.fixtureId}`, (event) => {
    if (event.kind === 'prediction' || (event.kind === 'odds' && event.market === 'player_prop')) burst.poke();
  }, burst.poke);
  const pricers = new Map<string, PricerState>();
  const pricer = (playerId: number, market: string, initial: number): PricerState => {
    const key = `${props.fixtureId}|${playerId}|${market}`;
    let st = pricers.get(key);
    if (!st) {
      st = { line: createSignal(String(initial)), asked: createSignal<number | undefined>() };
      pricers.set(key, st);
    }
    return st;
  };
  const cell = 'px-2 py-1.5 align-top';
  return (
    <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-6 space-y-4" data-testid="player-props" data-live={live.state()}>
      <h2 class="font-medium">
        Player props <span class="text-xs text-slate-500">(projection = predictive median, 10–90 % range; P at each book’s line; EV at its price)</span>
        <Show when={!data.error && data()?.players.some((p) => p.markets.some((m) => m.modelVersion.simulated))}>
          <span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800" data-testid="props-simulated">simulated demo model</span>
        </Show>
      </h2>
      <Show when={!data.error} fallback={<p class="text-sm text-slate-600" data-testid="player-props-unavailable">{friendlyError(data.error)}</p>}>
        <Show when={data()} fallback={<p class="text-sm text-slate-500">Loading…</p>}>
          {(d) => (
            <Show when={d().players.length > 0} fallback={<p class="text-sm text-slate-500" data-testid="player-props-empty">No player projections for this game yet.</p>}>
              <ScrollBox label="Player props"><table class="w-full text-sm">
                <thead class="text-left text-slate-500">
                  <tr><th class={cell}>Player</th><th class={cell}>Market</th><th class={cell}>Projection</th><th class={cell}>Book lines</th></tr>
                </thead>
                <tbody>
                  <For each={d().players}>
                    {(p) => (
                      <For each={p.markets}>
                        {(m, i) => (
                          <tr class="border-t border-slate-100" data-testid="prop-row">
                            <td class={cell}>
                              <Show when={i() === 0}>
                                <A href={`/players/${p.playerId}`} class="font-medium text-brand hover:underline" data-testid="player-link">{p.name}</A> <span class="text-xs text-slate-500">{p.position} · {p.team}</span>
                              </Show>
                            </td>
                            <td class={cell}>{PROP_MARKET_LABEL[m.market] ?? m.market}</td>
                            <td class={`${cell} font-mono`}>
                              {num(m.median, COUNT_MARKETS.has(m.market) ? 0 : 1)}{' '}
                              <span class="text-xs text-slate-500">({num(m.q10, 0)}–{num(m.q90, 0)})</span>
                              <Show when={m.explanation}>
                                {(x) => (
                                  <details class="mt-1 font-sans" data-testid="prop-why">
                                    <summary class="cursor-pointer text-xs text-brand">Why?</summary>
                                    <div class="mt-1 w-72 max-w-[80vw]">
                                      <ExplanationView explanation={x()} testId="prop-explanation"
                                        headline={x().scale === 'identity' ? `Why ${x().value.toFixed(1)} ${x().unit} projected` : `Why this ${PROP_MARKET_LABEL[m.market] ?? m.market} price`} />
                                    </div>
                                  </details>
                                )}
                              </Show>
                            </td>
                            <td class={`${cell} space-y-1`}>
                              <For each={m.quotes} fallback={<p class="text-xs text-slate-500">no book lines</p>}>
                                {(q) => (
                                  <p class="text-xs" data-testid="prop-quote">
                                    <span class="text-slate-500">{q.bookmaker}</span> <span class="font-mono">{q.line}</span>:{' '}
                                    over <span class="font-mono">{q.over ? odds(q.over.price) : '—'}</span>{' '}
                                    <Show when={q.over}>{(s) => <span class={s().expectedValue > 0 ? 'text-emerald-700 font-medium' : 'text-slate-500'}>{ev(s().expectedValue)}</span>}</Show>
                                    {' · '}under <span class="font-mono">{q.under ? odds(q.under.price) : '—'}</span>{' '}
                                    <Show when={q.under}>{(s) => <span class={s().expectedValue > 0 ? 'text-emerald-700 font-medium' : 'text-slate-500'}>{ev(s().expectedValue)}</span>}</Show>
                                    <span class="text-slate-500"> · model {pct(q.model.over)} / {pct(q.model.under)}, fair {odds(q.model.fairPrice.over)} / {odds(q.model.fairPrice.under)}</span>
                                  </p>
                                )}
                              </For>
                              <LinePricer fixtureId={d().fixtureId} playerId={p.playerId} market={m.market} state={pricer(p.playerId, m.market, m.quotes[0]?.line ?? Math.round(m.median) + 0.5)} />
                            </td>
                          </tr>
                        )}
                      </For>
                    )}
                  </For>
                </tbody>
              </table></ScrollBox>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
