import { createResource, createSignal, For, Show } from 'solid-js';
import { createBurstRefetch } from '../lib/burst-refetch.ts';
import { createLiveRoom } from '../lib/live-room.ts';
import { ev, odds, pct, PUSH } from '../lib/format.ts';
import { friendlyError, lineInputError } from '../lib/errors.ts';
import { api } from '../lib/trpc.ts';
import { TwoWayPrice, type PricedSide } from './two-way-price.tsx';
import { TrackBet, type TrackSelection } from './track-bet.tsx';

/** A handicap as books print it: +3.5, -3, PK. */
const handicap = (h: number) => (h === 0 ? 'PK' : h > 0 ? `+${h}` : `${h}`);
const GAME_LINE_MARKETS = new Set(['spread', 'game_total', 'moneyline']);

type GameLinesData = Awaited<ReturnType<typeof api.nfl.gameLines.byFixture.query>>;
type Quote = GameLinesData['quotes'][number];

function SideCell(props: { label: string; side: Quote['sides'][number]; moneyline: boolean; track?: Omit<TrackSelection, 'selection'> & { bookmaker: string } }) {
  return (
    <td class="px-2 py-1.5 align-top text-xs">
      <span class="text-slate-500">{props.label}</span> <span class="font-mono">{props.side.price === null ? '—' : odds(props.side.price)}</span>{' '}
      <Show when={props.side.expectedValue !== null}>
        <span class={props.side.expectedValue! > 0 ? 'text-emerald-700 font-medium' : 'text-slate-500'} data-testid={props.side.expectedValue! > 0 ? 'game-line-value' : undefined}>
          {ev(props.side.expectedValue!)}
        </span>
      </Show>
      <Show when={props.side.model} fallback={<span class="block text-slate-500">no model line</span>}>
        {(m) => (
          <span class="block text-slate-500">
            model {pct(m().win)}{m().push > 0 ? ` · ${PUSH} ${pct(m().push)}` : ''} · fair <span class="font-mono">{odds(m().fairPrice)}</span>
          </span>
        )}
      </Show>
      <Show when={props.track && props.side.price !== null}>
        <span class="mt-1 block"><TrackBet selection={{ ...props.track!, selection: props.side.selection }} bookmaker={props.track!.bookmaker} price={props.side.price!} label={props.label} /></span>
      </Show>
    </td>
  );
}

/** Any whole or half spread (home handicap) or total, priced under the consensus law (nfl.gameLines.priceLine). */
function GameLinePricer(props: { fixtureId: number; home: string; away: string }) {
  const [market, setMarket] = createSignal<'spread' | 'total'>('spread');
  const [line, setLine] = createSignal('');
  const [asked, setAsked] = createSignal<{ market: 'spread' | 'total'; line: number }>();
  const [inputError, setInputError] = createSignal<string | null>(null);
  const [price] = createResource(asked, (q) => api.nfl.gameLines.priceLine.query({ fixtureId: props.fixtureId, ...q }));
  const sideOf = (x: { selection: string; probability: number; fairPrice: number }): PricedSide => ({
    label: x.selection === 'home' ? props.home : x.selection === 'away' ? props.away : x.selection, probability: x.probability, fairPrice: x.fairPrice,
  });
  return (
    <form
      class="flex flex-wrap items-center gap-2 text-xs"
      data-testid="game-line-pricer"
      onSubmit={(e) => {
        e.preventDefault();
        // An empty or `1,5` line is said plainly here, never sent for the API to answer in a validator's words.
        const wrong = lineInputError(line());
        setInputError(wrong);
        if (!wrong) setAsked({ market: market(), line: Number(line().trim()) });
      }}
    >
      <span class="text-slate-500">Any line:</span>
      <select class="rounded border border-slate-300 px-1 py-0.5" name="market" aria-label="Market" value={market()} onChange={(e) => setMarket(e.currentTarget.value as 'spread' | 'total')}>
        <option value="spread">{props.home} spread</option>
        <option value="total">total</option>
      </select>
      <input class="w-20 rounded border border-slate-300 px-1 py-0.5 font-mono" inputmode="decimal" aria-label="Line" placeholder={market() === 'spread' ? '-3.5' : '44.5'} value={line()} onInput={(e) => setLine(e.currentTarget.value)} />
      <button class="rounded bg-slate-800 px-2 py-0.5 text-white">Price</button>
      <Show when={!inputError() && !price.error} fallback={<span class="text-rose-700" role="alert" data-testid="game-line-price-error">{inputError() ?? friendlyError(price.error)}</span>}>
        <Show when={price()}>
          {(p) => (
            <span data-testid="game-line-price">
              {p().market === 'spread' ? `${props.home} ${handicap(p().line)}` : `total ${p().line}`}:{' '}
              <TwoWayPrice
                sides={[sideOf(p().sides[0]), sideOf(p().sides[1])]}
                push={p().push}
              />
              <span class="text-slate-500"> (consensus {p().market === 'spread' ? handicap(p().consensus) : p().consensus})</span>
            </span>
          )}
        </Show>
      </Show>
    </form>
  );
}

/**
 * NFL spread, total and moneyline: the key-number game-lines model centred on the books' consensus line (the
 * median of their main lines), P(cover / push / over) and fair odds there, the fair moneyline the spread
 * implies, and every book's quote priced at its own line with EV at its price; any other line on demand.
 * Refetches (debounced) when the game's room announces a game-line price change.
 */
export function GameLines(props: { fixtureId: number; home: string; away: string }) {
  const [data, { refetch }] = createResource(() => props.fixtureId, (id) => api.nfl.gameLines.byFixture.query({ fixtureId: id }));
  const burst = createBurstRefetch(refetch);
  const live = createLiveRoom(`fixture:${props.fixtureId}`, (event) => {
    if (event.kind === 'odds' && GAME_LINE_MARKETS.has(event.market)) burst.poke();
  }, burst.poke);
  const cell = 'px-2 py-1.5 align-top';
  const label = (q: Quote) => (q.market === 'spread' ? `${props.home} ${handicap(q.line!)}` : q.market === 'total' ? `Total ${q.line}` : 'Moneyline');
  const sideLabel = (s: Quote['sides'][number]['selection']) => (s === 'home' ? props.home : s === 'away' ? props.away : s === 'over' ? 'Over' : 'Under');
  return (
    <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-6 space-y-4" data-testid="game-lines" data-live={live.state()}>
      <h2 class="font-medium">
        Game lines <span class="text-xs text-slate-500">(key-number law centred on the books’ consensus line; P at each quote’s own line; EV at its price)</span>
        <Show when={!data.error && data()?.model.simulated}>
          <span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800" data-testid="game-lines-simulated">simulated demo model</span>
        </Show>
      </h2>
      <Show when={!data.error} fallback={<p class="text-sm text-slate-600" data-testid="game-lines-unavailable">{friendlyError(data.error)}</p>}>
        <Show when={data()} fallback={<p class="text-sm text-slate-500">Loading…</p>}>
          {(d) => (
            <>
              <div class="grid grid-cols-1 md:grid-cols-3 gap-4 text-sm" data-testid="game-lines-consensus">
                <div>
                  <p class="text-slate-500">Consensus spread</p>
                  <Show when={d().consensus.spread} fallback={<p class="text-slate-500">no spread quoted</p>}>
                    {(c) => (
                      <>
                        <p class="font-mono" data-testid="consensus-spread">{props.home} {handicap(c().line)}</p>
                        <Show when={d().prices.homeCover}>
                          {(o) => (
                            <p class="text-xs">
                              <TwoWayPrice sides={[{ label: 'cover', probability: o().over, fairPrice: o().fairPrice.over }, { label: props.away, probability: o().under, fairPrice: o().fairPrice.under }]} push={o().push} />
                            </p>
                          )}
                        </Show>
                        <p class="text-xs text-slate-500">median of {c().books} book{c().books === 1 ? '' : 's'}’ main lines</p>
                      </>
                    )}
                  </Show>
                </div>
                <div>
                  <p class="text-slate-500">Consensus total</p>
                  <Show when={d().consensus.total} fallback={<p class="text-slate-500">no total quoted</p>}>
                    {(c) => (
                      <>
                        <p class="font-mono" data-testid="consensus-total">{c().line}</p>
                        <Show when={d().prices.gameTotal}>
                          {(o) => (
                            <p class="text-xs">
                              <TwoWayPrice sides={[{ label: 'over', probability: o().over, fairPrice: o().fairPrice.over }, { label: 'under', probability: o().under, fairPrice: o().fairPrice.under }]} push={o().push} />
                            </p>
                          )}
                        </Show>
                        <p class="text-xs text-slate-500">median of {c().books} book{c().books === 1 ? '' : 's'}’ main lines</p>
                      </>
                    )}
                  </Show>
                </div>
                <div>
                  <p class="text-slate-500">Fair moneyline (from the spread)</p>
                  <Show when={d().prices.moneyline} fallback={<p class="text-slate-500">needs a spread</p>}>
                    {(m) => (
                      <p class="text-xs" data-testid="fair-moneyline">
                        <TwoWayPrice
                          sides={[{ label: props.home, probability: m().home, fairPrice: m().fairPrice.home }, { label: props.away, probability: m().away, fairPrice: m().fairPrice.away }]}
                          push={m().tie}
                        />
                      </p>
                    )}
                  </Show>
                </div>
              </div>
              <table class="w-full text-sm">
                <thead class="text-left text-slate-500">
                  <tr><th class={cell}>Book</th><th class={cell}>Line</th><th class={cell} colSpan={2}>Prices · model P(win) at this line · fair odds · EV</th></tr>
                </thead>
                <tbody>
                  <For each={d().quotes}>
                    {(q) => (
                      <tr class="border-t border-slate-100" data-testid="game-line-quote">
                        <td class={`${cell} text-xs text-slate-500`}>
                          {q.bookmaker}
                          <Show when={q.reference}><div class="text-slate-500" title="A published line, not a book you can bet at">reference line</div></Show>
                        </td>
                        <td class={`${cell} text-xs`}>
                          {label(q)} <Show when={!q.main}><span class="text-slate-500">alt</span></Show>
                        </td>
                        <For each={[0, 1] as const}>
                          {(k) => (
                            <SideCell label={sideLabel(q.sides[k].selection)} side={q.sides[k]} moneyline={q.market === 'moneyline'}
                              track={q.reference ? undefined : { fixtureId: props.fixtureId, market: q.market === 'total' ? 'game_total' : q.market, line: q.line, bookmaker: q.bookmaker }} />
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <p class="text-xs text-slate-500" data-testid="game-lines-model">
                model v{d().model.version} ({d().model.status}) · σ margin {d().model.marginSigma.toFixed(1)} · σ total {d().model.totalSigma.toFixed(1)} ·{' '}
                {d().model.simulated ? `${d().model.trainGames} simulated games` : `seasons ${d().model.trainSeasons.join(', ')} (${d().model.trainGames} games)`}
              </p>
            </>
          )}
        </Show>
      </Show>
      {/* Keyed: another fixture gets a fresh pricer, not this one's last answer. */}
      <Show when={props.fixtureId} keyed>
        {(id) => <GameLinePricer fixtureId={id} home={props.home} away={props.away} />}
      </Show>
    </div>
  );
}
