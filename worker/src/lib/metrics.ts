/**
 * Prometheus text-format metrics: request counts and latency histograms by route pattern and status class.
 * Workers have no shared memory between isolates, so these are per-isolate counters (what a scraper sees from
 * one instance); long-term aggregation belongs to Workers Analytics / an external collector.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

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
  private readonly startedAt = Date.now();

  /** Counts one request and its latency in seconds; `route` is the matched route pattern, never the raw path. */
  observe(method: string, route: string, status: number, seconds: number) {
    const key = `method="${method}",route="${escape(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const lkey = `method="${method}",route="${escape(route)}"`;
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
    out.push('# HELP fairline_isolate_uptime_seconds Seconds since this isolate started.');
    out.push('# TYPE fairline_isolate_uptime_seconds gauge');
    out.push(`fairline_isolate_uptime_seconds ${(Date.now() - this.startedAt) / 1000}`);
    return out.join('\n') + '\n';
  }
}

function escape(v: string) {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** One registry per isolate. */
export const metrics = new Metrics();
