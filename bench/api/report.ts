/**
 * The two outputs of `bench:api`: the human table (default) and, with `--json`, one JSON object on the last line
 * (the shape issue 16 fixes, so scripts and other helpers can read the figures without parsing the table):
 *   { "hello": { rps, p50, p99 }, "routes": { "<name>": { rps, p50, p99, errors } },
 *     "fanout": { sockets, p50, p99, peerP50, peerP99 } }
 * A part not measured (`--only`) is left out of the object; `fanout` gains proxyP50/proxyP99 with --proxied. Milliseconds and requests/s, rounded to 0.1.
 */
import type { FanoutResult } from './fanout.ts';
import type { LoadResult } from './load.ts';

/** One measured HTTP route. */
export interface RouteFigure {
  name: string;
  result: LoadResult;
}

/** The two-level fan-out's figures (--shards), reported beside the one-room figures. */
export interface ShardedFigure {
  shards: number;
  /** Every socket on one shard (both levels, one shard). */
  single: FanoutResult;
  /** The sockets spread over `shards` shards. */
  result: FanoutResult;
  /** Level 1 alone: the publisher's RPC to every shard (shards holding no sockets), ms (workerd's clock: 1 ms steps). */
  forwardP50: number;
  forwardP99: number;
  /** The same during the measured publishes: until every shard's deliver returned, its send loop included. */
  withSendsP50: number;
  withSendsP99: number;
}

/** Everything one run measured; each part is present only if it ran. */
export interface BenchFigures {
  http?: { hello: LoadResult; routes: RouteFigure[] };
  /** `ours`: LiveRoom straight to workerd; `proxied`: the same through wrangler dev's ProxyWorker; `peer`: Node ws. */
  fanout?: { ours: FanoutResult; proxied?: FanoutResult; peer: FanoutResult };
  sharded?: ShardedFigure;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The `--json` object (see the file comment); extra key `sharded` only when --shards ran. */
export function benchJson(f: BenchFigures): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.http) {
    out.hello = { rps: r1(f.http.hello.rps), p50: r1(f.http.hello.p50), p99: r1(f.http.hello.p99) };
    out.routes = Object.fromEntries(f.http.routes.map(({ name, result: r }) => [name, { rps: r1(r.rps), p50: r1(r.p50), p99: r1(r.p99), errors: r.errors }]));
  }
  if (f.fanout) {
    const { ours, proxied, peer } = f.fanout;
    // p50/p99: the LiveRoom on workerd (no wrangler proxy; see user-worker-url.ts); proxyP50/P99: through the proxy.
    out.fanout = {
      sockets: ours.sockets, p50: r1(ours.p50), p99: r1(ours.p99), peerP50: r1(peer.p50), peerP99: r1(peer.p99),
      ...(proxied ? { proxyP50: r1(proxied.p50), proxyP99: r1(proxied.p99) } : {}),
    };
  }
  if (f.sharded) {
    const s = f.sharded;
    out.sharded = {
      shards: s.shards, sockets: s.result.sockets, p50: r1(s.result.p50), p99: r1(s.result.p99),
      oneShardP50: r1(s.single.p50), oneShardP99: r1(s.single.p99), forwardP50: r1(s.forwardP50), forwardP99: r1(s.forwardP99),
      forwardWithSendsP50: r1(s.withSendsP50), forwardWithSendsP99: r1(s.withSendsP99),
    };
  }
  return out;
}

/** The human table: every figure with its ratio to the peer. */
export function benchTable(f: BenchFigures, header: string): string {
  const lines = [header];
  const n = (x: number, d = 1) => x.toFixed(d).padStart(8);
  if (f.http) {
    const hello = f.http.hello;
    lines.push(`${'route'.padEnd(30)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}  errors  req/s÷peer  p99÷peer`);
    for (const { name, result: r } of [{ name: 'hello-world Hono (peer)', result: hello }, ...f.http.routes]) {
      lines.push(`${name.padEnd(30)}${n(r.rps, 0)}${n(r.p50)}${n(r.p90)}${n(r.p99)}${String(r.errors).padStart(8)}  ${(r.rps / hello.rps).toFixed(2).padStart(9)}×  ${(r.p99 / hello.p99).toFixed(2).padStart(7)}×`);
    }
  }
  if (f.fanout) {
    const { ours, proxied, peer } = f.fanout;
    lines.push('', `WebSocket fan-out: ${ours.sockets} sockets on one room, ${ours.events} events interleaved across systems; ms from the publish call`);
    lines.push(`${'system'.padEnd(48)}${'last p50'.padStart(9)}${'last p99'.padStart(9)}${'max'.padStart(8)}${'first p50'.padStart(10)}${'publish p50'.padStart(12)}`);
    const row = (name: string, r: FanoutResult) => `${name.padEnd(48)}${n(r.p50).padStart(9)}${n(r.p99).padStart(9)}${n(r.max)}${n(r.firstP50).padStart(10)}${n(r.publishP50).padStart(12)}`;
    lines.push(row('fairline LiveRoom (DO on workerd, publish via API)', ours));
    if (proxied) lines.push(row('  same, through the wrangler dev proxy', proxied));
    lines.push(row('Node ws broadcaster (peer)', peer));
    lines.push(`LiveRoom on workerd ÷ peer: p50 ${(ours.p50 / peer.p50).toFixed(2)}×, p99 ${(ours.p99 / peer.p99).toFixed(2)}×`);
  }
  if (f.sharded) {
    const s = f.sharded;
    lines.push('', `Two-level fan-out prototype (publisher room → shard rooms → sockets), ${s.result.sockets} sockets, ${s.result.events} events, interleaved`);
    lines.push(`${'layout'.padEnd(48)}${'last p50'.padStart(9)}${'last p99'.padStart(9)}${'max'.padStart(8)}${'first p50'.padStart(10)}`);
    lines.push(`${'1 shard holding every socket'.padEnd(48)}${n(s.single.p50).padStart(9)}${n(s.single.p99).padStart(9)}${n(s.single.max)}${n(s.single.firstP50).padStart(10)}`);
    lines.push(`${`${s.shards} shards`.padEnd(48)}${n(s.result.p50).padStart(9)}${n(s.result.p99).padStart(9)}${n(s.result.max)}${n(s.result.firstP50).padStart(10)}`);
    lines.push(`level 1 alone, publisher → ${s.shards} empty shards (DO RPC, ms, 1 ms clock): p50 ${s.forwardP50.toFixed(1)}, p99 ${s.forwardP99.toFixed(1)}`);
    lines.push(`level 1 + the shards' send loops (one process here, so serial): p50 ${s.withSendsP50.toFixed(1)}, p99 ${s.withSendsP99.toFixed(1)}`);
  }
  return lines.join('\n');
}
