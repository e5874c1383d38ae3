/**
 * A small closed-loop HTTP load generator: `connections` concurrent keep-alive clients issue requests back to back
 * for `seconds`; reports throughput and latency percentiles. Same generator for every target, so the comparison
 * is like for like (both targets share the machine with it).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/** The raw outcome of closed-loop runs against one target: every success's latency (ms), the errors, the time taken (s). */
interface Samples {
  latencies: number[];
  errors: number;
  elapsed: number;
}

/** `connections` clients on `agent` sending to `url` back to back for `seconds`; adds what happened to `into`. */
async function sample(url: string, agent: Agent, opts: { connections: number; seconds: number; request?: RequestFactory }, into: Samples): Promise<void> {
  const end = performance.now() + opts.seconds * 1000;
  let sent = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await request(url, { dispatcher: agent, ...opts.request?.(sent++) });
        await res.body.arrayBuffer();
        if (res.statusCode >= 400) into.errors++;
        else into.latencies.push(performance.now() - t0);
      } catch {
        into.errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, worker));
  into.elapsed += (performance.now() - t0) / 1000;
}

function summarise({ latencies, errors, elapsed }: Samples): LoadResult {
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
}

export async function load(url: string, opts: { connections: number; seconds: number; request?: RequestFactory }): Promise<LoadResult> {
  const agent = new Agent({ connections: opts.connections, pipelining: 1 });
  const samples: Samples = { latencies: [], errors: 0, elapsed: 0 };
  await sample(url, agent, opts, samples);
  await agent.close();
  return summarise(samples);
}

/**
 * Several targets measured in turns: `rounds` slices of `seconds / rounds` each, round-robin, every target on its own
 * keep-alive connections throughout. A noisy second (a background job, a neighbour's work, the stack settling after
 * start) then falls on every target alike instead of on whichever ran during it, as the fan-out's events are
 * interleaved. Each target gets `seconds` of load in all; its figures are over all its slices. A URL may be listed
 * more than once (a target taking several turns a round); its entries then report the same figures.
 */
export async function loadInterleaved(urls: readonly string[], opts: { connections: number; seconds: number; rounds: number }): Promise<LoadResult[]> {
  // One agent and one set of samples per distinct URL: a URL listed twice takes two turns a round.
  const targets = new Map(urls.map((u) => [u, { agent: new Agent({ connections: opts.connections, pipelining: 1 }), samples: { latencies: [], errors: 0, elapsed: 0 } as Samples }]));
  const slice = { connections: opts.connections, seconds: opts.seconds / opts.rounds };
  for (let r = 0; r < opts.rounds; r++) {
    for (const url of urls) {
      const t = targets.get(url)!;
      await sample(url, t.agent, slice, t.samples);
    }
  }
  await Promise.all([...targets.values()].map((t) => t.agent.close()));
  const results = new Map([...targets].map(([u, t]) => [u, summarise(t.samples)]));
  return urls.map((u) => results.get(u)!);
}

/** HTTP clients in a child process (load-child.ts), so they do not share this process's event loop. */
export interface LoadClients {
  load(url: string, opts: { connections: number; seconds: number }): Promise<LoadResult>;
  /** loadInterleaved in the child. */
  loadInterleaved(urls: readonly string[], opts: { connections: number; seconds: number; rounds: number }): Promise<LoadResult[]>;
  close(): void;
}

export function loadClients(): LoadClients {
  const child = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.result) w?.resolve(m.result);
    else w?.reject(new Error(`bench: load run failed: ${m.error}`));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`bench: the load process exited (${code})`));
    waiting.clear();
  });
  const ask = <T>(job: object) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (r: unknown) => void, reject });
      child.send({ id, ...job });
    });
  return {
    load: (url, opts) => ask<LoadResult>({ url, ...opts }),
    loadInterleaved: (urls, opts) => ask<LoadResult[]>({ urls, ...opts }),
    close: () => child.disconnect(),
  };
}
