/**
 * Prometheus text-format metrics: request counts and latency histograms by route pattern and status class, and the
 * time models take to answer (inference and explanation histograms by model kind).
 * Workers have no shared memory between isolates, so these are per-isolate counters (what a scraper sees from
 * one instance); long-term aggregation belongs to Workers Analytics / an external collector. The model-quality
 * gauges (drift, calibration) are not kept here: they come from the database's daily `drift_reports`, the same for
 * every isolate (services/monitoring/drift-gauges.ts).
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Model work is sub-millisecond to a second: finer low buckets than HTTP's (0.1 ms … 2.5 s). */
const MODEL_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/**
 * Per-isolate HTTP metrics in the Prometheus text format (see the file comment): a request counter by method, route
 * pattern and status, and a latency histogram in seconds (buckets 5 ms … 10 s) by method and route pattern.
 */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Series>();
  private readonly inference = new Map<string, Series>();
  private readonly explanation = new Map<string, Series>();
  private readonly startedAt = Date.now();

  /**
   * Seconds a prediction request of model kind `kind` took in its verb (model versions resolved from the per-isolate
   * cache or the database, predictions priced, explanations computed) — the API's inference latency per kind.
   */
  observeInference(kind: string, seconds: number) {
    observeInto(this.inference, `kind="${escapeLabel(kind)}"`, MODEL_BUCKETS, seconds);
  }

  /** Seconds the explanations of a request of model kind `kind` added (stored feature rows read, TreeSHAP run). */
  observeExplanation(kind: string, seconds: number) {
    observeInto(this.explanation, `kind="${escapeLabel(kind)}"`, MODEL_BUCKETS, seconds);
  }

  /** Counts one request and its latency in seconds; `route` is the matched route pattern, never the raw path. */
  observe(method: string, route: string, status: number, seconds: number) {
    const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const lkey = `method="${method}",route="${escapeLabel(route)}"`;
    let s = this.latency.get(lkey);
    if (!s) {
      s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.latency.set(lkey, s);
    }
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++;
  }

  /** All series in the Prometheus text exposition format (0.0.4), plus this isolate's uptime in seconds. */
  render(): string {
    const out: string[] = [];
    out.push('# HELP fairline_http_requests_total HTTP requests by route pattern and status.');
    out.push('# TYPE fairline_http_requests_total counter');
    for (const [k, v] of this.requests) out.push(`fairline_http_requests_total{${k}} ${v}`);
    out.push('# HELP fairline_http_request_duration_seconds Request latency by route pattern.');
    out.push('# TYPE fairline_http_request_duration_seconds histogram');
    for (const [k, s] of this.latency) {
      BUCKETS.forEach((b, i) => out.push(`fairline_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`));
      out.push(`fairline_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      out.push(`fairline_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      out.push(`fairline_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    histogram(out, 'fairline_model_inference_seconds', 'Time a prediction request took per model kind (per isolate).', MODEL_BUCKETS, this.inference);
    histogram(out, 'fairline_model_explanation_seconds', 'Time explanations (TreeSHAP) added to a prediction request per model kind (per isolate).', MODEL_BUCKETS, this.explanation);
    out.push('# HELP fairline_isolate_uptime_seconds Seconds since this isolate started.');
    out.push('# TYPE fairline_isolate_uptime_seconds gauge');
    out.push(`fairline_isolate_uptime_seconds ${(Date.now() - this.startedAt) / 1000}`);
    return out.join('\n') + '\n';
  }
}

function observeInto(map: Map<string, Series>, key: string, buckets: readonly number[], seconds: number) {
  let s = map.get(key);
  if (!s) {
    s = { count: 0, sum: 0, buckets: buckets.map(() => 0) };
    map.set(key, s);
  }
  s.count++;
  s.sum += seconds;
  for (let i = 0; i < buckets.length; i++) if (seconds <= buckets[i]!) s.buckets[i]!++;
}

function histogram(out: string[], name: string, help: string, buckets: readonly number[], series: Map<string, Series>) {
  out.push(`# HELP ${name} ${help}`);
  out.push(`# TYPE ${name} histogram`);
  for (const [k, s] of series) {
    buckets.forEach((b, i) => out.push(`${name}_bucket{${k},le="${b}"} ${s.buckets[i]}`));
    out.push(`${name}_bucket{${k},le="+Inf"} ${s.count}`);
    out.push(`${name}_sum{${k}} ${s.sum}`);
    out.push(`${name}_count{${k}} ${s.count}`);
  }
}

/** A Prometheus label value, escaped (backslash, quote, newline). */
export function escapeLabel(v: string) {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** One registry per isolate. */
export const metrics = new Metrics();

/** Runs `fn` and observes its duration as an inference of model kind `kind` (also when it throws). */
export async function timeInference<T>(kind: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    metrics.observeInference(kind, (performance.now() - t0) / 1000);
  }
}

/** A drift report figure as /metrics renders it (services/monitoring/drift-gauges.ts). */
export interface DriftGaugeRow {
  kind: string;
  scope: string;
  version: number;
  metric: string;
  subject: string;
  value: number;
  level: 'ok' | 'warn' | 'alert';
  reportedOn: string;
}

const LEVEL_CODE = { ok: 0, warn: 1, alert: 2 } as const;

/**
 * The newest daily drift figures as Prometheus gauges: `fairline_feature_psi{kind,scope,version,feature}`,
 * `fairline_calibration_brier` / `fairline_calibration_ece{kind,scope,version}`, and `fairline_drift_level` (0 ok,
 * 1 warn, 2 alert) per version and metric (the worst of its subjects), so one alert rule covers every model.
 * `null` rows: the database could not be read — `fairline_drift_reports_up 0` says so instead of an empty answer.
 */
export function renderDriftGauges(rows: readonly DriftGaugeRow[] | null): string {
  const out: string[] = [];
  out.push('# HELP fairline_drift_reports_up 1 when the drift reports could be read from the database.');
  out.push('# TYPE fairline_drift_reports_up gauge');
  out.push(`fairline_drift_reports_up ${rows ? 1 : 0}`);
  if (!rows) return out.join('\n') + '\n';
  const slot = (r: DriftGaugeRow) => `kind="${escapeLabel(r.kind)}",scope="${escapeLabel(r.scope)}",version="${r.version}"`;
  const gauge = (name: string, help: string, metric: string, extra: (r: DriftGaugeRow) => string) => {
    out.push(`# HELP ${name} ${help}`);
    out.push(`# TYPE ${name} gauge`);
    for (const r of rows) if (r.metric === metric) out.push(`${name}{${slot(r)}${extra(r)}} ${r.value}`);
  };
  gauge('fairline_feature_psi', 'PSI of a feature: training profile vs the last 7 (or 28) days of live rows; levels 0.1 / 0.25 apply to its excess over sampling noise.', 'psi', (r) => `,feature="${escapeLabel(r.subject)}"`);
  gauge('fairline_calibration_brier', 'Mean multi-class Brier score of settled forecasts (soccer 1X2; props over/under at the book line) over the last 28 days.', 'brier', () => '');
  gauge('fairline_calibration_ece', 'Expected calibration error (one-vs-rest pooled) of settled forecasts (soccer 1X2; props over/under) over the last 28 days.', 'ece', () => '');
  const worst = new Map<string, number>();
  for (const r of rows) {
    const k = `${slot(r)},metric="${escapeLabel(r.metric)}"`;
    worst.set(k, Math.max(worst.get(k) ?? 0, LEVEL_CODE[r.level]));
  }
  out.push('# HELP fairline_drift_level Worst level of a version\'s drift metric in its newest report: 0 ok, 1 warn, 2 alert.');
  out.push('# TYPE fairline_drift_level gauge');
  for (const [k, v] of worst) out.push(`fairline_drift_level{${k}} ${v}`);
  return out.join('\n') + '\n';
}
