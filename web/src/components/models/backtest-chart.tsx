/**
 * A registry slot's backtest scores over time, one point per version at the time it was filed: the model's score
 * beside the market's on the same matches (margin-free closing prices; the pre-close price where recorded), RPS or
 * log loss (lower is better). Drawn with lightweight-charts (a time axis), remounted when the metric changes.
 */
import { ColorType, createChart, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { ScopeOverview } from './labels.ts';

type Point = ScopeOverview['backtest'][number];
type Metric = 'rps' | 'logLoss';

const LINES: Array<{ key: 'model' | 'market' | 'preClose'; label: string; colour: string }> = [
  { key: 'model', label: 'Model', colour: '#4f46e5' },
  { key: 'market', label: 'Market (close)', colour: '#e11d48' },
  { key: 'preClose', label: 'Market (pre-close)', colour: '#d97706' },
];

/** The series of one metric: for each line, the versions that recorded it, at strictly increasing seconds. */
function seriesOf(points: readonly Point[], metric: Metric) {
  let last = 0;
  // Versions filed in the same second (a retrain of several scopes) still need distinct times on the axis.
  const times = points.map((p) => (last = Math.max(last + 1, Math.floor(new Date(p.at).getTime() / 1000))) as UTCTimestamp);
  return LINES.map((l) => ({
    ...l,
    data: points.flatMap((p, i) => (p[l.key][metric] === null ? [] : [{ time: times[i]!, value: p[l.key][metric]! }])),
  })).filter((s) => s.data.length > 0);
}

function Chart(props: { points: readonly Point[]; metric: Metric; testId: string }) {
  let el: HTMLDivElement | undefined;
  onMount(() => {
    if (!el) return;
    const chart = createChart(el, {
      height: 220,
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#ffffff' }, textColor: '#334155', attributionLogo: false },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false, timeVisible: true },
    });
    for (const s of seriesOf(props.points, props.metric)) {
      const series = chart.addSeries(LineSeries, {
        color: s.colour, lineWidth: 2, pointMarkersVisible: true, priceLineVisible: false, lastValueVisible: false, title: s.label,
        priceFormat: { type: 'price', precision: 4, minMove: 0.0001 },
      });
      series.setData(s.data);
    }
    chart.timeScale().fitContent();
    onCleanup(() => chart.remove());
  });
  return <div ref={el} class="relative h-[220px] w-full overflow-hidden" data-testid={props.testId} />;
}

/** The backtest chart of one slot with a switch between RPS and log loss (when both were recorded). */
export function BacktestChart(props: { points: readonly Point[] }) {
  const has = (m: Metric) => props.points.some((p) => p.model[m] !== null);
  const [metric, setMetric] = createSignal<Metric>(has('rps') ? 'rps' : 'logLoss');
  const legend = createMemo(() => seriesOf(props.points, metric()));
  return (
    <figure class="min-w-0" data-testid="backtest">
      <figcaption class="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm font-medium text-slate-700">
        <span>
          Backtest against the market
          <span class="block text-xs font-normal text-slate-500">each version on the matches after its fit · lower is better</span>
        </span>
        <Show when={has('rps') && has('logLoss')}>
          <span class="inline-flex rounded-md ring-1 ring-slate-200" role="group" aria-label="Score">
            <For each={[['rps', 'RPS'], ['logLoss', 'Log loss']] as const}>
              {([m, label]) => (
                <button type="button" aria-pressed={metric() === m} onClick={() => setMetric(m)}
                  class={`px-2 py-0.5 text-xs ${metric() === m ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-50'}`}>
                  {label}
                </button>
              )}
            </For>
          </span>
        </Show>
      </figcaption>
      {/* Redrawn from scratch when the metric or the data change (a refetch answers new points). */}
      <Show when={{ metric: metric(), points: props.points }} keyed>{(x) => <Chart points={x.points} metric={x.metric} testId="backtest-chart" />}</Show>
      <p class="mt-1 flex flex-wrap gap-3 text-xs text-slate-600">
        <For each={legend()}>
          {(s) => (
            <span class="inline-flex items-center gap-1"><span class="inline-block h-0.5 w-4" style={{ background: s.colour }} />{s.label}</span>
          )}
        </For>
      </p>
    </figure>
  );
}
