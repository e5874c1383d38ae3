/**
 * The portfolio charts, drawn with lightweight-charts once mounted in the browser (it needs a canvas): the bankroll
 * curve (or cumulative P&L without a starting bankroll), the drawdown below the running peak, and the CLV histogram.
 * The horizontal axis of the bankroll and drawdown charts is the number of bets settled (0 = the start): bets often
 * settle in the same second, and a count reads better than a clock there.
 */
import {
  AreaSeries, ColorType, createOptionsChart, HistogramSeries, LineSeries, type ChartOptions, type DeepPartial,
} from 'lightweight-charts';
import { onCleanup, onMount, Show } from 'solid-js';
import type { Stats } from './format.ts';

const BASE: DeepPartial<ChartOptions> = {
  height: 220,
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: '#ffffff' }, textColor: '#334155', attributionLogo: false },
  grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
  rightPriceScale: { borderVisible: false },
  timeScale: { borderVisible: false },
};

/** The curve's points against the number of bets settled (1, 2, …). */
function curvePoints(curve: Stats['curve']): { time: number; pnl: number; bankroll: number | null }[] {
  return curve.map((c, k) => ({ time: k + 1, pnl: c.pnl, bankroll: c.bankroll }));
}

/** A chart whose horizontal axis is a number (bets settled; CLV percent), not a clock. */
const numericChart = (el: HTMLDivElement) => createOptionsChart(el, BASE as never);

/** Mounts a chart into a div once in the browser, and removes it with the component. */
function useChart<C extends { remove(): void; timeScale(): { fitContent(): void } }>(make: (el: HTMLDivElement) => C, draw: (chart: C) => void) {
  let el: HTMLDivElement | undefined;
  onMount(() => {
    if (!el) return; // nothing to draw (the card shows why)
    const chart = make(el);
    draw(chart);
    chart.timeScale().fitContent();
    onCleanup(() => chart.remove());
  });
  return (d: HTMLDivElement) => (el = d);
}

function ChartCard(props: { title: string; testid: string; empty: boolean; emptyText: string; note?: string; chartRef: (d: HTMLDivElement) => void }) {
  return (
    <figure class="relative min-w-0 overflow-hidden rounded-lg border border-slate-200 bg-white p-3">
      <figcaption class="mb-2 flex flex-wrap items-baseline justify-between gap-1 text-sm font-medium text-slate-700">
        <span>{props.title}</span>
        <Show when={props.note}><span class="text-xs font-normal text-slate-500">{props.note}</span></Show>
      </figcaption>
      <Show when={!props.empty} fallback={<p class="py-16 text-center text-sm text-slate-500">{props.emptyText}</p>}>
        <div ref={props.chartRef} class="relative h-[220px] w-full overflow-hidden" data-testid={props.testid} />
      </Show>
    </figure>
  );
}

/** Bankroll after each settled bet (starting bankroll as the first point), or cumulative P&L without a bankroll. */
export function BankrollChart(props: { stats: Stats }) {
  const ref = useChart(
    numericChart,
    (chart) => {
      const pts = curvePoints(props.stats.curve);
      const start = props.stats.startingBankroll;
      const series = chart.addSeries(LineSeries, { color: '#4f46e5', lineWidth: 2, priceLineVisible: false });
      const first = pts[0] ? [{ time: 0, value: start ?? 0 }] : [];
      series.setData([...first, ...pts.map((p) => ({ time: p.time, value: p.bankroll ?? p.pnl }))]);
    },
  );
  return (
    <ChartCard title={props.stats.startingBankroll === null ? 'Cumulative P&L' : 'Bankroll'} testid="chart-bankroll" empty={props.stats.curve.length === 0}
      emptyText="No settled bets yet." note={`${props.stats.currency} · by bets settled`} chartRef={ref} />
  );
}

/** How far below its running peak the bankroll (cumulative P&L) stood after each settled bet, as a negative amount. */
export function DrawdownChart(props: { stats: Stats }) {
  const ref = useChart(
    numericChart,
    (chart) => {
      let peak = 0;
      const pts = curvePoints(props.stats.curve).map((p) => {
        peak = Math.max(peak, p.pnl);
        return { time: p.time, value: p.pnl - peak };
      });
      const series = chart.addSeries(AreaSeries, { lineColor: '#e11d48', topColor: 'rgba(225,29,72,0.05)', bottomColor: 'rgba(225,29,72,0.35)', lineWidth: 2, priceLineVisible: false, invertFilledArea: true });
      const first = pts[0] ? [{ time: 0, value: 0 }] : [];
      series.setData([...first, ...pts]);
    },
  );
  return (
    <ChartCard title="Drawdown" testid="chart-drawdown" empty={props.stats.curve.length === 0} emptyText="No settled bets yet." note={`${props.stats.currency} · by bets settled`} chartRef={ref} />
  );
}

/** The CLV distribution: bets per CLV bin (percent on the horizontal axis). */
export function ClvHistogram(props: { stats: Stats }) {
  const bins = () => props.stats.clvHistogram.filter((b) => b.count > 0 || (b.from !== null && b.to !== null));
  const ref = useChart(
    numericChart,
    (chart) => {
      const all = bins();
      const width = all.find((b) => b.from !== null && b.to !== null);
      const w = width ? width.to! - width.from! : 0.01;
      const data = all.map((b) => {
        const centre = b.from === null ? b.to! - w / 2 : b.to === null ? b.from + w / 2 : (b.from + b.to) / 2;
        return { time: Math.round(centre * 1000) / 10, value: b.count, color: centre >= 0 ? '#059669' : '#e11d48' };
      });
      const series = chart.addSeries(HistogramSeries, { priceLineVisible: false, priceFormat: { type: 'price', precision: 0, minMove: 1 } });
      series.setData(data);
    },
  );
  return (
    <ChartCard title="CLV distribution" testid="chart-clv" empty={props.stats.clvBets === 0} emptyText="No closing lines captured yet." note="% vs the fair close · bets"
      chartRef={ref} />
  );
}
