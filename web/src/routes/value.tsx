import { A } from '@solidjs/router';
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { ev, formatKickoff, gameName, odds, pct, PROP_MARKET_LABEL } from '../lib/format.ts';
import { createBurstRefetch } from '../lib/burst-refetch.ts';
import { createLiveRoom } from '../lib/live-room.ts';
import { friendlyError } from '../lib/errors.ts';
import { api } from '../lib/trpc.ts';
import { TrackBet } from '../components/track-bet.tsx';

const cell = 'px-2 py-1.5';

/**
 * The value finder: every upcoming NFL player-prop price whose expected value under our model clears the
 * chosen edge, best first, with what it rests on (model probability and fair price at that line, the book's
 * own margin-free probability). Refreshes when the NFL room announces new odds or predictions.
 */
export default function ValuePage() {
  const [minEdge, setMinEdge] = createSignal(2);
  const [days, setDays] = createSignal(7);
  // Fetched once mounted, like every page: the same-origin /trpc the client calls is the browser's (on the server
  // renderer the relative URL is invalid, and the error used to be rendered and kept after hydration).
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const query = () => (mounted() ? { minEdge: minEdge() / 100, days: days() } : false);
  const [data, { refetch }] = createResource(query, (q) => api.nfl.props.valueBets.query(q));
  const [lines, { refetch: refetchLines }] = createResource(query, (q) => api.nfl.gameLines.valueBets.query(q));
  const burst = createBurstRefetch(() => Promise.all([refetch(), refetchLines()]));
  const live = createLiveRoom('nfl', (event) => {
    if (event.kind === 'odds' || event.kind === 'prediction') burst.poke();
  });
  return (
    <section class="space-y-4" data-testid="value-page" data-live={live.state()}>
      <div>
        <h1 class="text-2xl font-semibold">Value finder</h1>
        <p class="text-slate-600 mt-1 text-sm">
          Upcoming NFL prices where our models’ expected value per unit staked is at least the edge below (a push refunds the
          stake): player props, and spreads, totals and moneylines priced by the game-lines model centred on the books’ consensus
          line. Model probabilities are at each book’s own line.
        </p>
      </div>
      <form class="flex flex-wrap items-center gap-4 text-sm" onSubmit={(e) => e.preventDefault()}>
        <label class="text-slate-600">
          Minimum edge{' '}
          <select name="edge" class="rounded border border-slate-300 px-1 py-0.5" value={String(minEdge())} onChange={(e) => setMinEdge(Number(e.currentTarget.value))}>
            <For each={[0, 1, 2, 3, 5, 10]}>{(v) => <option value={String(v)} selected={v === minEdge()}>{`+${v}%`}</option>}</For>
          </select>
        </label>
        <label class="text-slate-600">
          Games within{' '}
          <select name="days" class="rounded border border-slate-300 px-1 py-0.5" value={String(days())} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            <For each={[1, 3, 7, 14]}>{(v) => <option value={String(v)} selected={v === days()}>{`${v} day${v > 1 ? 's' : ''}`}</option>}</For>
          </select>
        </label>
      </form>
      <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-4">
        <h2 class="font-medium mb-2">Player props</h2>
        <Show when={!data.error} fallback={<p class="text-sm text-rose-700" data-testid="value-error">{friendlyError(data.error)}</p>}>
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
                <div class="-mx-4 overflow-x-auto px-4">
                  <table class="w-full text-sm">
                    <thead class="text-left text-slate-500">
                      <tr>
                        <th class={cell}>Game</th><th class={cell}>Player</th><th class={cell}>Market</th><th class={cell}>Bet</th><th class={cell}>Book</th>
                        <th class={`${cell} text-right`}>Price</th><th class={`${cell} text-right`}>Model P</th><th class={`${cell} text-right`}>Fair</th>
                        <th class={`${cell} text-right`}>Book P</th><th class={`${cell} text-right`}>EV</th><th class={cell} aria-label="Track" />
                      </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                      <For each={d().bets}>
                        {(b) => (
                          <tr data-testid="value-row">
                            <GameCell bet={b} />
                            <td class={cell}>{b.player}<Show when={b.team}><span class="text-xs text-slate-500"> · {b.team}</span></Show></td>
                            <td class={cell}>{PROP_MARKET_LABEL[b.market] ?? b.market}</td>
                            <td class={cell}>{b.market === 'anytime_td' ? (b.side === 'over' ? 'Yes' : 'No') : `${b.side === 'over' ? 'Over' : 'Under'} ${b.line}`}</td>
                            <td class={cell}>{b.bookmaker}</td>
                            <PriceCells bet={b} win={b.model.win} push={b.model.push} fair={b.model.fairPrice} evTestId="value-ev" />
                            <td class={cell}><TrackBet bookmaker={b.bookmaker} price={b.price} label={`${b.player} ${b.side} ${b.line} ${PROP_MARKET_LABEL[b.market] ?? b.market}`}
                              selection={{ fixtureId: b.fixtureId, market: 'player_prop', playerId: b.playerId, prop: b.market, line: b.line, selection: b.market === 'anytime_td' ? (b.side === 'over' ? 'yes' : 'no') : b.side }} /></td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            )}
          </Show>
        </Show>
      </div>
      <GameLineValue data={lines()} error={lines.error} />
    </section>
  );
}

type GameLineValueBets = Awaited<ReturnType<typeof api.nfl.gameLines.valueBets.query>>;
/** The fields every value bet has (worker/src/services/value/window.ts, ValueBetCommon). */
type AnyBet = Pick<GameLineValueBets['bets'][number], 'fixtureId' | 'kickoffAt' | 'homeTeam' | 'awayTeam' | 'price' | 'bookFair' | 'expectedValue'>;

/** The game (linked) and its kickoff. */
function GameCell(props: { bet: AnyBet }) {
  return (
    <td class={cell}>
      <A href={`/fixtures/${props.bet.fixtureId}`} class="hover:underline">{gameName(props.bet.homeTeam, props.bet.awayTeam)}</A>
      <div class="text-xs text-slate-500">{formatKickoff(new Date(props.bet.kickoffAt))}</div>
    </td>
  );
}

/** Price, the model's P(win) (and push, when it shows in one decimal), fair price, the book's P and the EV. */
function PriceCells(props: { bet: AnyBet; win: number; push: number; fair: number; evTestId: string }) {
  return (
    <>
      <td class={`${cell} text-right font-mono`}>{odds(props.bet.price)}</td>
      <td class={`${cell} text-right`}>
        {pct(props.win)}<Show when={props.push >= 0.0005}><div class="text-xs text-slate-500">push {pct(props.push)}</div></Show>
      </td>
      <td class={`${cell} text-right font-mono`}>{odds(props.fair)}</td>
      <td class={`${cell} text-right`}>{props.bet.bookFair === null ? '—' : pct(props.bet.bookFair)}</td>
      <td class={`${cell} text-right font-medium text-emerald-700`} data-testid={props.evTestId}>{ev(props.bet.expectedValue)}</td>
    </>
  );
}
type GameLineValueBet = GameLineValueBets['bets'][number];

const MARKET_LABEL: Record<string, string> = { spread: 'Spread', total: 'Total', moneyline: 'Moneyline' };

/** A team's handicap as books print it: +3.5, −3 (ASCII minus), PK. */
const signed = (h: number) => (h === 0 ? 'PK' : h > 0 ? `+${h}` : `${h}`);

/** A spread (stored as the HOME handicap) from the side of the bet: the away handicap is its negation. */
function sideSpread(b: GameLineValueBet, homeHandicap: number): string {
  return `${b.selection === 'home' ? b.homeTeam : b.awayTeam} ${signed(b.selection === 'home' ? homeHandicap : -homeHandicap)}`;
}

function betLabel(b: GameLineValueBet): string {
  if (b.market === 'moneyline') return `${b.selection === 'home' ? b.homeTeam : b.awayTeam} to win`;
  if (b.market === 'total') return `${b.selection === 'over' ? 'Over' : 'Under'} ${b.line}`;
  return sideSpread(b, b.line!);
}

/** The consensus in the bet's own terms: an away alternate +6.5 against a home −3 consensus reads "Away +3". */
function consensusLabel(b: GameLineValueBet): string {
  return b.market === 'spread' ? sideSpread(b, b.consensus!) : String(b.consensus);
}

/** Spreads, totals and moneylines with model EV ≥ the edge (nfl.gameLines.valueBets). */
function GameLineValue(props: { data: GameLineValueBets | undefined; error: unknown }) {
  return (
    <div class="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 p-4" data-testid="game-line-value">
      <h2 class="font-medium mb-2">Game lines</h2>
      <Show when={!props.error} fallback={<p class="text-sm text-slate-600" data-testid="game-line-value-error">{friendlyError(props.error)}</p>}>
        <Show when={props.data} fallback={<p class="text-sm text-slate-500">Loading…</p>}>
          {(d) => (
            <Show when={d().bets.length > 0} fallback={<p class="text-sm text-slate-500">No spread, total or moneyline clears this edge in {d().fixtures} upcoming quoted game{d().fixtures === 1 ? '' : 's'}.</p>}>
              <div class="-mx-4 overflow-x-auto px-4">
                <table class="w-full text-sm">
                  <thead class="text-left text-slate-500">
                    <tr>
                      <th class={cell}>Game</th><th class={cell}>Market</th><th class={cell}>Bet</th><th class={cell}>Book</th>
                      <th class={`${cell} text-right`}>Price</th><th class={`${cell} text-right`}>Model P</th><th class={`${cell} text-right`}>Fair</th>
                      <th class={`${cell} text-right`}>Book P</th><th class={`${cell} text-right`}>EV</th><th class={cell} aria-label="Track" />
                    </tr>
                  </thead>
                  <tbody class="divide-y divide-slate-100">
                    <For each={d().bets}>
                      {(b) => (
                        <tr data-testid="game-line-value-row">
                          <GameCell bet={b} />
                          <td class={cell}>
                            {MARKET_LABEL[b.market] ?? b.market}
                            <Show when={b.consensus !== null && !b.main}><div class="text-xs text-slate-500">alternate; consensus {consensusLabel(b)}</div></Show>
                          </td>
                          <td class={cell}>{betLabel(b)}</td>
                          <td class={cell}>{b.bookmaker}</td>
                          <PriceCells bet={b} win={b.model.win} push={b.model.push} fair={b.model.fairPrice} evTestId="game-line-value-ev" />
                          <td class={cell}><TrackBet bookmaker={b.bookmaker} price={b.price} label={`${gameName(b.homeTeam, b.awayTeam)}: ${betLabel(b)}`}
                            selection={{ fixtureId: b.fixtureId, market: b.market === 'total' ? 'game_total' : b.market, selection: b.selection, line: b.line }} /></td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
