/**
 * A small canvas chart for x-y data that is not a time series (lightweight-charts draws time scales): bars
 * (a histogram of a predictive distribution) or a line (P(over) by line), with one vertical marker (the book's
 * line) and labelled axes. Drawn once mounted and again when the box resizes or the data change; sharp at any
 * device pixel ratio.
 */
import { createEffect, onCleanup, onMount } from 'solid-js';

export interface XyChartProps {
  kind: 'bars' | 'line';
  /** Bars: [from, to) and height; line: x and y (to is ignored). */
  points: ReadonlyArray<{ x: number; to?: number; y: number }>;
  /** A vertical marker at x, labelled. */
  marker?: { x: number; label: string } | null;
  /** Y axis maximum (default: the data's). */
  yMax?: number;
  yFormat?: (y: number) => string;
  xLabel: string;
  height?: number;
  testId?: string;
  ariaLabel: string;
}

const PAD = { l: 40, r: 10, t: 18, b: 30 };

export function XyChart(props: XyChartProps) {
  let canvas: HTMLCanvasElement | undefined;
  const height = () => props.height ?? 200;
  const draw = () => {
    if (!canvas) return;
    const width = canvas.parentElement?.clientWidth ?? 300;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height() * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height()}px`;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height());
    const pts = props.points;
    if (pts.length === 0) return;
    const xMin = Math.min(...pts.map((p) => p.x));
    const xMax = Math.max(...pts.map((p) => p.to ?? p.x));
    const yMax = props.yMax ?? Math.max(...pts.map((p) => p.y)) * 1.1;
    const w = width - PAD.l - PAD.r;
    const h = height() - PAD.t - PAD.b;
    const X = (x: number) => PAD.l + ((x - xMin) / (xMax - xMin || 1)) * w;
    const Y = (y: number) => PAD.t + h - (y / (yMax || 1)) * h;
    const fmt = props.yFormat ?? ((y: number) => y.toFixed(2));
    // Axes and grid.
    g.strokeStyle = '#e2e8f0';
    g.fillStyle = '#64748b';
    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = (yMax * i) / 4;
      g.beginPath();
      g.moveTo(PAD.l, Y(y));
      g.lineTo(PAD.l + w, Y(y));
      g.stroke();
      g.textAlign = 'right';
      g.fillText(fmt(y), PAD.l - 4, Y(y) + 4);
    }
    for (let i = 0; i <= 4; i++) {
      const x = xMin + ((xMax - xMin) * i) / 4;
      // The end ticks align inwards so their labels stay inside the canvas.
      g.textAlign = i === 0 ? 'left' : i === 4 ? 'right' : 'center';
      g.fillText(String(Math.round(x * 10) / 10), X(x), PAD.t + h + 14);
    }
    g.textAlign = 'center';
    g.fillText(props.xLabel, PAD.l + w / 2, PAD.t + h + 27);
    // Data.
    if (props.kind === 'bars') {
      g.fillStyle = '#0f766e';
      for (const p of pts) {
        const x0 = X(p.x);
        const x1 = X(p.to ?? p.x + 1);
        g.fillRect(x0 + 0.5, Y(p.y), Math.max(1, x1 - x0 - 1), PAD.t + h - Y(p.y));
      }
    } else {
      g.strokeStyle = '#0f766e';
      g.lineWidth = 2;
      g.beginPath();
      pts.forEach((p, i) => (i === 0 ? g.moveTo(X(p.x), Y(p.y)) : g.lineTo(X(p.x), Y(p.y))));
      g.stroke();
    }
    // The marker.
    const m = props.marker;
    if (m && m.x >= xMin && m.x <= xMax) {
      g.strokeStyle = '#e11d48';
      g.lineWidth = 2;
      g.setLineDash([4, 3]);
      g.beginPath();
      g.moveTo(X(m.x), PAD.t);
      g.lineTo(X(m.x), PAD.t + h);
      g.stroke();
      g.setLineDash([]);
      g.fillStyle = '#e11d48';
      g.textAlign = X(m.x) > PAD.l + w * 0.7 ? 'right' : 'left';
      g.fillText(m.label, X(m.x) + (g.textAlign === 'right' ? -4 : 4), PAD.t - 5);
    }
  };
  onMount(() => {
    draw();
    const ro = new ResizeObserver(() => draw());
    if (canvas?.parentElement) ro.observe(canvas.parentElement);
    onCleanup(() => ro.disconnect());
  });
  createEffect(() => {
    void props.points;
    void props.marker;
    draw();
  });
  return (
    <div class="w-full min-w-0">
      <canvas ref={canvas} role="img" aria-label={props.ariaLabel} data-testid={props.testId} class="block" />
    </div>
  );
}
