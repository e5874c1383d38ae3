/**
 * A soccer match's markets beyond 1X2 — total goals (quarter lines too), Asian handicap, both teams to score,
 * draw-no-bet — each book's price beside the model's (soccer.fairPrices `markets`): per line a model row (fair price
 * and the chance of a win, a half result counting half), then every book's price with the model's EV at it, the
 * book's margin, and "Track". Each market's table scrolls inside its own box on a narrow screen.
 */
import { For, Show } from 'solid-js';
import { ev, odds, pct } from '../lib/format.ts';
import type { api } from '../lib/trpc.ts';
import { TrackBet } from './track-bet.tsx';

type FairPrices = Awaited<ReturnType<typeof api.soccer.fairPrices.query>>;
type Quote = FairPrices['markets'][number];
type Market = Quote['market'];

const signed = (h: number) => (h === 0 ? '0' : h > 0 ? `+${h}` : `−${-h}`);
const flip = (h: number) => (h === 0 ? 0 : -h);
const cell = 'px-3 py-1.5';

const SECTIONS: Array<{ market: Exclude<Market, '1x2'>; title: string }> = [
  { market: 'totals', title: 'Total goals' },
  { market: 'asian_handicap', title: 'Asian handicap' },
  { market: 'btts', title: 'Both teams to score' },
  { market: 'draw_no_bet', title: 'Draw no bet' },
];

/** A selection's column header. */
function selectionLabel(market: Market, selection: string, teams: { home: string; away: string }): string {
  if (market === 'totals') return selection === 'over' ? 'Over' : 'Under';
  if (market === 'btts') return selection === 'yes' ? 'Yes' : 'No';
  return selection === 'home' ? teams.home : teams.away;
}

/** What a line is called in its market (totals: the goal line; Asian: both sides' handicaps). */
function lineLabel(market: Market, line: number | null): string {
  if (line === null) return '';
  return market === 'asian_handicap' ? `${signed(line)} / ${signed(flip(line))}` : String(line);
}

/** The bet in words, for Track's dialog. */
function betLabel(q: Quote, selection: string, teams: { home: string; away: string }): string {
  const who = selectionLabel(q.market, selection, teams);
  if (q.market === 'totals') return `Total goals ${who} ${q.line}`;
  if (q.market === 'asian_handicap') return `Asian handicap ${who} ${signed(selection === 'home' ? q.line! : flip(q.line!))}`;
  if (q.market === 'btts') return `Both teams to score: ${who}`;
  return `Draw no bet: ${who}`;
}

export function MarketQuotes(props: { fixtureId: number; markets: Quote[]; home: string; away: string }) {
  const teams = () => ({ home: props.home, away: props.away });
  return (
    <div class="grid gap-4 lg:grid-cols-2" data-testid="market-quotes">
      <For each={SECTIONS.filter((s) => props.markets.some((q) => q.market === s.market))}>
        {(section) => {
          const quotes = () => props.markets.filter((q) => q.market === section.market);
          const lines = () => [...new Set(quotes().map((q) => q.line))].sort((a, b) => (a ?? 0) - (b ?? 0));
          const selections = () => (section.market === 'totals' ? ['over', 'under'] : section.market === 'btts' ? ['yes', 'no'] : ['home', 'away']);
          return (
            <div class="min-w-0 rounded-md ring-1 ring-slate-200" data-testid={`market-${section.market}`}>
              <h3 class="border-b border-slate-100 px-3 py-2 text-sm font-medium">{section.title}</h3>
              <div class="overflow-x-auto">
                <table class="w-full text-sm">
                  <thead class="text-left text-slate-500">
                    <tr>
                      <th class={cell}>{section.market === 'totals' || section.market === 'asian_handicap' ? 'Line · book' : 'Book'}</th>
                      <For each={selections()}>{(s) => <th class={`${cell} font-medium`}>{selectionLabel(section.market, s, teams())}</th>}</For>
                      <th class={`${cell} text-right`}>Margin</th>
                    </tr>
                  </thead>
                  <For each={lines()}>
                    {(line) => {
                      const atLine = () => quotes().filter((q) => q.line === line);
                      /** The model at this line (every book's quote carries it; the first that has the side). */
                      const model = (s: string) => atLine().flatMap((q) => q.selections).find((x) => x.selection === s);
                      return (
                        <tbody class="border-t border-slate-200" data-testid="market-line" data-line={line ?? ''}>
                          <tr class="bg-slate-50">
                            <td class={`${cell} whitespace-nowrap font-medium`}>
                              <Show when={line !== null} fallback="Model">{lineLabel(section.market, line)} <span class="font-normal text-slate-500">model</span></Show>
                            </td>
                            <For each={selections()}>
                              {(s) => (
                                <td class={`${cell} whitespace-nowrap`}>
                                  <Show when={model(s)} fallback="—">
                                    {(m) => <><span class="font-mono" data-testid="price">{odds(m().fairPrice)}</span> <span class="text-xs text-slate-500">{pct(m().model.win + m().model.halfWin / 2)}</span></>}
                                  </Show>
                                </td>
                              )}
                            </For>
                            <td class={cell} />
                          </tr>
                          <For each={atLine()}>
                            {(q) => (
                              <tr class="border-t border-slate-100" data-testid="market-quote" data-book={q.bookmaker}>
                                <td class={cell}>{q.bookmaker}</td>
                                <For each={selections()}>
                                  {(s) => {
                                    const sel = () => q.selections.find((x) => x.selection === s);
                                    return (
                                      <td class={`${cell} whitespace-nowrap`}>
                                        <Show when={sel()} fallback="—">
                                          {(x) => (
                                            <>
                                              <span class="font-mono" data-testid="price">{odds(x().price)}</span>{' '}
                                              <span class={x().expectedValue > 0 ? 'font-medium text-emerald-700' : 'text-slate-500'} data-testid="market-ev">{ev(x().expectedValue)}</span>{' '}
                                              <TrackBet selection={{ fixtureId: props.fixtureId, market: q.market, selection: s, line: q.line }} bookmaker={q.bookmaker} price={x().price}
                                                label={betLabel(q, s, teams())} />
                                            </>
                                          )}
                                        </Show>
                                      </td>
                                    );
                                  }}
                                </For>
                                <td class={`${cell} text-right text-xs text-slate-500`}>{q.margin === null ? '—' : pct(q.margin)}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      );
                    }}
                  </For>
                </table>
              </div>
            </div>
          );
        }}
      </For>
    </div>
  );
}
