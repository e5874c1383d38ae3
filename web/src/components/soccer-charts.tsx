/**
 * Soccer fixture charts: the correct-score heatmap (the model's score grid, home goals down, away goals across,
 * shaded by probability) and the odds-movement charts (soccer.oddsHistory: one lightweight-charts line chart per
 * 1X2 selection, a line per book, drawn once mounted in the browser).
 */
import { ColorType, createChart, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { createEffect, createResource, For, onCleanup, onMount, Show } from 'solid-js';
import { friendlyError } from '../lib/errors.ts';
import { oddsFormat } from '../lib/display-prefs.ts';
import { formatOdds, odds, pct } from '../lib/format.ts';
import { api } from '../lib/trpc.ts';
import { ScrollBox } from './scroll-box.tsx';
import { inkOn } from '../lib/contrast.ts';

type Score = { home: number; away: number; p: number; fairPrice: number };

/** The correct-score heatmap: P(home h – away a) for 0–5 goals each, the most likely score outlined. */
export function ScoreHeatmap(props: { scores: readonly Score[]; other: number; home: string; away: string }) {
  const max = () => Math.max(...props.scores.map((s) => s.p));
  const goals = () => [...new Set(props.scores.map((s) => s.home))].sort((a, b) => a - b);
  const at = (h: number, a: number) => props.scores.find((s) => s.home === h && s.away === a);
  return (
    <figure class="min-w-0" data-testid="score-heatmap">
      <figcaption class="text-sm font-medium">Correct score <span class="text-xs font-normal text-slate-500">(model probability; {props.home} goals down, {props.away} across)</span></figcaption>
      <ScrollBox label="Correct-score probabilities" class="mt-2">
        <table class="text-xs">
          <thead><tr><th class="px-1" /><For each={goals()}>{(a) => <th class="w-12 px-1 py-1 text-center text-slate-500">{a}</th>}</For></tr></thead>
          <tbody>
            <For each={goals()}>
              {(h) => (
                <tr>
                  <th class="px-1 text-right text-slate-500">{h}</th>
                  <For each={goals()}>
                    {(a) => {
                      const s = at(h, a);
                      const share = s ? s.p / max() : 0;
                      return (
                        <td class="h-9 w-12 border border-white text-center font-mono" title={s ? `${h}–${a}: ${pct(s.p)}, fair ${odds(s.fairPrice)}` : ''}
                          style={{ 'background-color': `rgba(15, 118, 110, ${shade(share).toFixed(3)})`, color: inkOn([15, 118, 110], shade(share)), outline: share === 1 ? '2px solid #e11d48' : undefined }}>
                          {s ? (s.p * 100).toFixed(1) : '—'}
                        </td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollBox>
      <p class="mt-1 text-xs text-slate-500">Any other score: {pct(props.other)}. Cells are percentages.</p>
    </figure>
  );
}

/** The heatmap's teal (the brand colour, #0f766e) at the opacity of a cell whose probability is `share` of the largest. */
const shade = (share: number) => 0.08 + 0.92 * share;

const COLORS = ['#0f766e', '#7c3aed', '#ea580c', '#2563eb', '#db2777'];
type History = Awaited<ReturnType<typeof api.soccer.oddsHistory.query>>;

/** One selection's price over time, a line per book. */
function MovementChart(props: { title: string; series: History['selections']['home'] }) {
  let el: HTMLDivElement | undefined;
  onMount(() => {
    if (!el) return;
    const chart = createChart(el, {
      height: 180, autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#ffffff' }, textColor: '#334155', attributionLogo: false },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderVisible: false }, timeScale: { borderVisible: false, timeVisible: true },
    });
    props.series.forEach((s, i) => {
      const line = chart.addSeries(LineSeries, { color: COLORS[i % COLORS.length]!, lineWidth: 2, title: s.bookmaker });
      // The axis and labels in the user's odds format, redrawn when it changes (the data stay decimal).
      createEffect(() => {
        const format = oddsFormat();
        line.applyOptions({ priceFormat: { type: 'custom', minMove: 0.01, formatter: (p: number) => formatOdds(p, format) } });
      });
      let last = 0;
      // A time scale needs strictly increasing times: a second quote in the same second moves to the next one.
      line.setData(s.points.map((p) => {
        const t = Math.max(last + 1, Math.floor(new Date(p.at).getTime() / 1000));
        last = t;
        return { time: t as UTCTimestamp, value: p.price };
      }));
    });
    chart.timeScale().fitContent();
    onCleanup(() => chart.remove());
  });
  return (
    <figure class="min-w-0 rounded-md border border-slate-200 p-2">
      <figcaption class="mb-1 text-xs font-medium text-slate-600">{props.title}</figcaption>
      <Show when={props.series.some((s) => s.points.length > 0)} fallback={<p class="py-12 text-center text-xs text-slate-500">No stored prices.</p>}>
        <div ref={el} class="h-[180px] w-full" data-testid="odds-movement-chart" />
      </Show>
    </figure>
  );
}

/** The odds-movement charts of a match, one per 1X2 selection. */
export function OddsMovement(props: { fixtureId: number; home: string; away: string }) {
  const [history] = createResource(() => props.fixtureId, (fixtureId) => api.soccer.oddsHistory.query({ fixtureId }));
  return (
    <div class="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="odds-movement">
      <h2 class="font-medium">Odds movement <span class="text-xs text-slate-500">(decimal 1X2 prices as stored, by book)</span></h2>
      <Show when={!history.error} fallback={<p class="mt-2 text-sm text-rose-700">Could not load the price history. {friendlyError(history.error)}</p>}>
        <Show when={history()} fallback={<p class="mt-2 text-sm text-slate-500">Loading…</p>}>
          {(h) => (
            <div class="mt-3 grid gap-3 md:grid-cols-3">
              <MovementChart title={props.home} series={h().selections.home} />
              <MovementChart title="Draw" series={h().selections.draw} />
              <MovementChart title={props.away} series={h().selections.away} />
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
