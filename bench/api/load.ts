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

/** HTTP clients in a child process (load-child.ts), so they do not share this process's event loop. */
export interface LoadClients {
  load(url: string, opts: { connections: number; seconds: number }): Promise<LoadResult>;
  close(): void;
}

export function loadClients(): LoadClients {
  const child = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  child.on('message', (m: { id: number; result?: LoadResult; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.result) w?.resolve(m.result);
    else w?.reject(new Error(`bench: load run failed: ${m.error}`));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`bench: the load process exited (${code})`));
    waiting.clear();
  });
  return {
    load: (url, opts) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        child.send({ id, url, ...opts });
      }),
    close: () => child.disconnect(),
  };
}
