/**
 * Command-line options of `npm run bench:api` and the ports they imply, in one place so run.ts stays orchestration.
 */
import { parseArgs } from 'node:util';
import { portsFrom, type StackPorts } from '@fairline/local/stack';

/**
 * The default steady-state warm-up, s. Checked with V8's GC trace (MINIFLARE_WORKERD_V8_FLAGS=--trace-gc-nvp): after
 * 300 s of taking turns through wrangler's proxy, every isolate of both workers' workerd processes had grown its young
 * generation to V8's maximum (33.6 MB capacity); straight to workerd, which serves ~6× the requests a second, 120 s
 * was enough.
 */
export const DEFAULT_WARMUP_S = 300;

/** What to measure: both parts (default), only the HTTP routes, or only the WebSocket fan-out. */
export type BenchPart = 'all' | 'http' | 'fanout';

/** The parsed options; see the usage line in run.ts. */
export interface BenchOptions {
  connections: number;
  seconds: number;
  sockets: number;
  /** Events per fan-out system: 100 by default, so p99 is not simply the maximum (as it was with 30). */
  events: number;
  /** 0 = one room; N > 0 = also the two-level fan-out over N shard rooms (bench/api/FANOUT.md). */
  shards: number;
  only: BenchPart;
  json: boolean;
  /** Also measure the LiveRoom through wrangler dev's ProxyWorker (a dev-only hop), for the record. */
  proxied: boolean;
  /** The HTTP targets on the workers' own workerd sockets, not through wrangler dev's proxy. */
  direct: boolean;
  /**
   * Seconds of steady-state warm-up before the HTTP measurement: hello-world and the API under load in turns, half the
   * time each (run.ts says why). 0: only the 1 s warm-up per target.
   */
  warmup: number;
  ports: BenchPorts;
}

/** Every port the bench listens on; all must be free. */
export interface BenchPorts {
  stack: StackPorts;
  api: number;
  hello: number;
  peer: number;
  /** wrangler's inspector ports (two wranglers run at once and must not race for the default 9229). */
  apiInspector: number;
  helloInspector: number;
  /** The two-level fan-out prototype (--shards) and its inspector. */
  shards: number;
  shardsInspector: number;
}

/**
 * The ports: the historical defaults (stack 56730–56733, API 8987, hello 8988, peer 8989) unless `--port-base N`
 * is given, then N..N+3 for the stack, N+4 API, N+5 hello, N+6 peer, N+7/N+8 the inspectors, N+9 the shard
 * prototype and N+10 its inspector (defaults 8990 and 56736).
 */
export function benchPorts(base: number | undefined): BenchPorts {
  if (base === undefined) {
    return { stack: portsFrom(56730), api: 8987, hello: 8988, peer: 8989, apiInspector: 56734, helloInspector: 56735, shards: 8990, shardsInspector: 56736 };
  }
  return { stack: portsFrom(base), api: base + 4, hello: base + 5, peer: base + 6, apiInspector: base + 7, helloInspector: base + 8, shards: base + 9, shardsInspector: base + 10 };
}

const positive = (name: string, v: string | undefined, min = 1): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${v})`);
  return n;
};

/** Parses argv (without node and the script); throws a one-line error on a bad value. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      connections: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '5' },
      sockets: { type: 'string', default: '200' },
      events: { type: 'string', default: '100' },
      shards: { type: 'string', default: '0' },
      only: { type: 'string', default: 'all' },
      json: { type: 'boolean', default: false },
      proxied: { type: 'boolean', default: false },
      direct: { type: 'boolean', default: false },
      warmup: { type: 'string', default: String(DEFAULT_WARMUP_S) },
      'port-base': { type: 'string' },
    },
  });
  const only = a.only as BenchPart;
  if (!['all', 'http', 'fanout'].includes(only)) throw new Error(`--only must be http or fanout (got ${a.only})`);
  const base = a['port-base'] === undefined ? undefined : positive('port-base', a['port-base'], 1024);
  if (base !== undefined && base + 10 > 65535) throw new Error('--port-base too high: it uses N..N+10');
  return {
    connections: positive('connections', a.connections),
    seconds: positive('seconds', a.seconds),
    sockets: positive('sockets', a.sockets),
    events: positive('events', a.events),
    shards: positive('shards', a.shards, 0),
    only,
    json: a.json ?? false,
    proxied: a.proxied ?? false,
    direct: a.direct ?? false,
    warmup: positive('warmup', a.warmup, 0),
    ports: benchPorts(base),
  };
}
