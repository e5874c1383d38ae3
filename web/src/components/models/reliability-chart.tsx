/**
 * A reliability diagram on a canvas: predicted probability (x) against how often the outcome happened (y), one line
 * per outcome, each bin a dot whose area grows with its count, and the diagonal a perfectly calibrated model would
 * follow. lightweight-charts draws time scales, not an x-y square, hence a canvas (like charts/xy-canvas.tsx).
 * The bins with their counts are also listed in a table below the chart (screen readers, exact figures).
 */
import { createEffect, For, onCleanup, onMount, Show } from 'solid-js';
import { pct } from '../../lib/format.ts';
import { SERIES_COLOUR, type ScopeOverview } from './labels.ts';

type Reliability = NonNullable<ScopeOverview['reliability']>;

const PAD = { l: 40, r: 12, t: 12, b: 34 };

/** Draws `r` into `canvas` at its parent's width, square-ish, sharp at any device pixel ratio. */
function draw(canvas: HTMLCanvasElement, r: Reliability) {
  const width = Math.min(canvas.parentElement?.clientWidth ?? 320, 420);
  const height = Math.round(width * 0.85);
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  const w = width - PAD.l - PAD.r;
  const h = height - PAD.t - PAD.b;
  const X = (x: number) => PAD.l + x * w;
  const Y = (y: number) => PAD.t + h - y * h;
  // Grid and axes labels every 20 %.
  g.font = '11px system-ui, sans-serif';
  g.lineWidth = 1;
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    g.strokeStyle = '#e2e8f0';
    g.beginPath();
    g.moveTo(PAD.l, Y(v));
    g.lineTo(PAD.l + w, Y(v));
    g.moveTo(X(v), PAD.t);
    g.lineTo(X(v), PAD.t + h);
    g.stroke();
    g.fillStyle = '#64748b';
    g.textAlign = 'right';
    g.fillText(`${i * 20}%`, PAD.l - 4, Y(v) + 4);
    g.textAlign = i === 0 ? 'left' : i === 5 ? 'right' : 'center';
    g.fillText(`${i * 20}%`, X(v), PAD.t + h + 14);
  }
  g.textAlign = 'center';
  g.fillText('predicted probability', PAD.l + w / 2, PAD.t + h + 28);
  // The diagonal: a calibrated model's bins sit on it.
  g.strokeStyle = '#94a3b8';
  g.setLineDash([5, 4]);
  g.beginPath();
  g.moveTo(X(0), Y(0));
  g.lineTo(X(1), Y(1));
  g.stroke();
  g.setLineDash([]);
  const biggest = Math.max(1, ...r.series.flatMap((s) => s.bins.map((b) => b.count)));
  for (const s of r.series) {
    const colour = SERIES_COLOUR[s.label] ?? '#334155';
    g.strokeStyle = colour;
    g.fillStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    s.bins.forEach((b, i) => (i === 0 ? g.moveTo(X(b.predicted), Y(b.observed)) : g.lineTo(X(b.predicted), Y(b.observed))));
    g.stroke();
    for (const b of s.bins) {
      g.beginPath();
      g.arc(X(b.predicted), Y(b.observed), 2.5 + 5 * Math.sqrt(b.count / biggest), 0, 2 * Math.PI);
      g.globalAlpha = 0.8;
      g.fill();
      g.globalAlpha = 1;
    }
  }
}

/** The reliability diagram of one registry slot, its legend and its bins with counts. */
export function ReliabilityChart(props: { reliability: Reliability; title: string }) {
  let canvas: HTMLCanvasElement | undefined;
  onMount(() => {
    if (!canvas) return;
    draw(canvas, props.reliability);
    const ro = new ResizeObserver(() => canvas && draw(canvas, props.reliability));
    if (canvas.parentElement) ro.observe(canvas.parentElement);
    onCleanup(() => ro.disconnect());
  });
  createEffect(() => canvas && draw(canvas, props.reliability));
  const source = () =>
    props.reliability.source === 'backtest'
      ? `walk-forward backtest of the active version · ${props.reliability.n.toLocaleString('en-GB')} forecasts per outcome`
      : `settled predictions (the last before kickoff) · ${props.reliability.n.toLocaleString('en-GB')} matches`;
  return (
    <figure class="min-w-0" data-testid="reliability">
      <figcaption class="mb-1 text-sm font-medium text-slate-700">
        {props.title}
        <span class="block text-xs font-normal text-slate-500">{source()}</span>
      </figcaption>
      <div class="w-full min-w-0">
        <canvas ref={canvas} role="img" class="block" data-testid="reliability-chart"
          aria-label={`${props.title}: observed frequency against predicted probability, per outcome; the bins are listed below`} />
      </div>
      <p class="mt-1 flex flex-wrap gap-3 text-xs text-slate-600">
        <For each={props.reliability.series}>
          {(s) => (
            <span class="inline-flex items-center gap-1">
              <span class="inline-block h-2.5 w-2.5 rounded-full" style={{ background: SERIES_COLOUR[s.label] ?? '#334155' }} />
              {s.label}
            </span>
          )}
        </For>
        <span class="inline-flex items-center gap-1 text-slate-500">- - - perfectly calibrated</span>
      </p>
      <details class="mt-2 text-xs">
        <summary class="cursor-pointer text-slate-600">Bins with counts</summary>
        <div class="mt-1 overflow-x-auto">
          <table class="w-full" data-testid="reliability-bins">
            <thead class="text-left text-slate-500">
              <tr><th class="px-1 py-0.5">Outcome</th><th class="px-1 py-0.5">Bin</th><th class="px-1 py-0.5 text-right">Predicted</th><th class="px-1 py-0.5 text-right">Observed</th><th class="px-1 py-0.5 text-right">Count</th></tr>
            </thead>
            <tbody>
              <For each={props.reliability.series}>
                {(s) => (
                  <For each={s.bins}>
                    {(b) => (
                      <tr class="border-t border-slate-100">
                        <td class="px-1 py-0.5">{s.label}</td>
                        <td class="whitespace-nowrap px-1 py-0.5">{Math.round(b.lower * 100)}–{Math.round(b.upper * 100)}%</td>
                        <td class="px-1 py-0.5 text-right font-mono">{pct(b.predicted)}</td>
                        <td class="px-1 py-0.5 text-right font-mono">{pct(b.observed)}</td>
                        <td class="px-1 py-0.5 text-right font-mono">{b.count}</td>
                      </tr>
                    )}
                  </For>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
      <Show when={props.reliability.n < 100}>
        <p class="mt-1 text-xs text-amber-700">Few forecasts yet: each bin’s frequency is noisy.</p>
      </Show>
    </figure>
  );
}
