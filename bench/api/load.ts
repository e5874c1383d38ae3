/**
 * A small closed-loop HTTP load generator: `connections` concurrent keep-alive clients issue requests back to back
 * for `seconds`; reports throughput and latency percentiles. Same generator for every target, so the comparison
 * is like for like (both targets share the machine with it).
 */
import { Agent, request } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
}

/** One request's method, headers and body (GET with no body when not given); `i` counts requests from 0. */
export type RequestFactory = (i: number) => { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

export async function load(url: string, opts: { connections: number; seconds: number; request?: RequestFactory }): Promise<LoadResult> {
  const agent = new Agent({ connections: opts.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + opts.seconds * 1000;
  let sent = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await request(url, { dispatcher: agent, ...opts.request?.(sent++) });
        await res.body.arrayBuffer();
        if (res.statusCode >= 400) errors++;
        else latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
}
