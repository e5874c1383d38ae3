/**
 * API benchmark, one run, same machine, same load generator:
 *  - HTTP latency/throughput of fairline-api routes under `wrangler dev` (workerd, real Postgres + Redis) beside a
 *    hello-world Hono worker on the same runtime (the floor any route pays), the targets taking turns in 1 s slices
 *    from a client process of their own (load.ts loadInterleaved, load-child.ts);
 *  - LiveRoom WebSocket fan-out (Durable Object, hibernation API) beside a plain Node `ws` broadcaster: both timed
 *    the same way, from the publish call until the last socket has the event.
 * Local `wrangler dev` adds its own proxy hop, and the clients share this machine's CPU with the servers, so absolute
 * numbers are not production's; the ratios are the point.
 *
 *   npm run bench:api [-- --connections 16 --seconds 5 --sockets 200 --events 100 --only http|fanout
 *                         --shards N --proxied --direct --warmup S --port-base N --json]
 *
 * `--proxied` adds the LiveRoom through wrangler dev's proxy (a dev-only hop) to the fan-out table; `--direct` sends the
 * HTTP load to both workers' own workerd sockets instead of through that proxy.
 * `--warmup S` (default 300) is the steady-state warm-up before the HTTP figures: hello-world and the API under load in
 * turns, so that both are measured with their isolates' young generations grown to V8's maximum (see the comment at
 * the warm-up below); `--warmup 0` measures after 1 s per target, as before.
 * `--shards N` adds the two-level fan-out prototype (bench/api/FANOUT.md): the same sockets on one shard room and
 * spread over N, published through a publisher room; reports the level-1 time (publisher → every shard accepted).
 *
 * `--json` prints one JSON object as the last line (shape in report.ts); the human table is printed either way.
 * The API runs from a bundle frozen at start (frozen-worker.ts), so edits to worker/src during a run are not measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { prepareDemoDatabase } from '../../scripts/demo-database.ts';
import { startLocalStack } from '@fairline/local/stack';
import { assertPortFree, waitForHttp } from '@fairline/local/wait';
import { fanout } from './fanout.ts';
import { benchWranglerEnv, freezeWorker } from './frozen-worker.ts';
import { benchSeqOf, liveRoomSystem, peerSystem, shardedSystem } from './fanout-systems.ts';
import { httpTargets } from './http-targets.ts';
import { loadClients } from './load.ts';
import { parseBenchOptions } from './options.ts';
import { startPeerBroadcaster } from './peer-ws.ts';
import { benchJson, benchTable, type BenchFigures } from './report.ts';
import { userWorkerUrl } from './user-worker-url.ts';

const o = parseBenchOptions(process.argv.slice(2));
const P = o.ports;
for (const p of [...Object.values(P.stack), P.api, P.hello, P.peer, P.apiInspector, P.helloInspector, P.shards, P.shardsInspector]) await assertPortFree(p, 'bench:api');
const API = `http://127.0.0.1:${P.api}`;
const HELLO = `http://127.0.0.1:${P.hello}`;
const ADMIN = 'bench-admin';

const stackDir = join(dataDir, `bench-api-${P.stack.postgres}`);
const outDir = join(repoRoot, 'bench', '.out');
mkdirSync(outDir, { recursive: true });
const progress = (msg: string) => process.stderr.write(`bench:api: ${msg}\n`);
const stack = await startLocalStack({ dir: stackDir, ports: P.stack, quiet: true });
const children: ChildProcess[] = [];
try {
  await prepareDemoDatabase(stack, 'fairline');
  const wenv = benchWranglerEnv(stackDir);
  // The load comes from ONE address (127.0.0.1), so the per-client limits meant for the open internet are raised
  // out of the way: the rate limiter's per-minute bucket (RATE_LIMIT_PER_MINUTE) and the rooms' sockets per client
  // (ROOM_MAX_PER_CLIENT) and per room (ROOM_MAX_CONNECTIONS) — 1,000+ bench sockets share one client address.
  const benchVars = {
    ...stack.env('fairline'),
    ENVIRONMENT: 'development',
    ADMIN_TOKEN: ADMIN,
    RATE_LIMIT_PER_MINUTE: '100000000',
    ROOM_MAX_PER_CLIENT: '1000000',
    ROOM_MAX_CONNECTIONS: '1000000',
  };
  const vars = Object.entries(benchVars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  // wrangler's output goes to bench/.out so a failed start can be diagnosed.
  const opts = (name: string, extraEnv: Record<string, string> = {}) => {
    const fd = openSync(join(outDir, `${name}.log`), 'w');
    return { stdio: ['ignore', fd, fd] as ['ignore', number, number], env: { ...wenv, ...extraEnv }, cwd: repoRoot };
  };
  /**
   * Starts one `wrangler dev` and waits for `ready`; retried (5 attempts, 3 s apart) when wrangler exits first: miniflare picks
   * its internal ports free-then-bind, so another wrangler starting at the same moment on this shared box can take one
   * ("Address already in use (socket direct:…)").
   */
  const startWrangler = async (args: string[], log: string, ready: string, extraEnv: Record<string, string> = {}) => {
    for (let attempt = 1; ; attempt++) {
      const child = spawn('wrangler', ['dev', ...args], opts(attempt === 1 ? log : `${log}-${attempt}`, extraEnv));
      children.push(child);
      const exited = new Promise<'exited'>((r) => child.once('exit', () => r('exited')));
      if ((await Promise.race([waitForHttp(ready, 120_000).then(() => 'ready' as const), exited])) === 'ready') return attempt === 1 ? log : `${log}-${attempt}`;
      if (attempt === 5) throw new Error(`bench:api: wrangler dev (${log}) exited five times; see bench/.out/${log}*.log`);
      progress(`wrangler dev (${log}) exited during start; retrying`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  };
  progress('starting the API under wrangler dev');
  // A frozen bundle (frozen-worker.ts): other people's saves to worker/src must not reload the worker mid-run.
  const apiConfig = freezeWorker(repoRoot, join(outDir, 'api-bundle'), wenv);
  // One wrangler at a time: two starting together can race for the same internal socket.
  const apiLog = await startWrangler(['--config', apiConfig, '--ip', '127.0.0.1', '--port', String(P.api), '--inspector-port', String(P.apiInspector), '--persist-to', join(stackDir, 'wrangler'), ...vars], 'api-wrangler', `${API}/health`, { WRANGLER_LOG: 'debug' });

  const figures: BenchFigures = {};
  // The fan-out first: the HTTP part's steady-state warm-up leaves the API's isolate (which holds the LiveRoom here)
  // with the largest young generation and its longest GC pauses — a regime of that workload, not of the fan-out's.
  if (o.only !== 'http') {
    progress(`fan-out: ${o.sockets} sockets × ${o.events} events, LiveRoom on workerd${o.proxied ? ' (and through the wrangler proxy)' : ''} and the Node ws peer, interleaved`);
    const direct = await userWorkerUrl(join(outDir, `${apiLog}.log`));
    const peer = await startPeerBroadcaster(P.peer);
    try {
      // The proxied system only on request: its second workerd process is still busy with the frames it relayed when
      // the next system's event starts, which puts a tail on whoever follows it.
      const systems = [liveRoomSystem('workerd', direct, 'soccer', ADMIN), peerSystem(`http://127.0.0.1:${P.peer}/`)];
      if (o.proxied) systems.push(liveRoomSystem('proxied', API, 'nfl', ADMIN));
      const [ours, theirs, proxied] = await fanout({ sockets: o.sockets, events: o.events, seqOf: benchSeqOf, systems });
      // The rooms decline permessage-deflate (live-room.ts UNCOMPRESSED); a runtime that ignored that would make every
      // figure here a different system, so it stops the run instead.
      for (const r of [ours!, proxied]) if (r && r.extensions !== '') throw new Error(`bench:api: a LiveRoom socket negotiated '${r.extensions}'`);
      figures.fanout = { ours: ours!, peer: theirs!, ...(proxied ? { proxied } : {}) };
    } finally {
      await peer.close();
    }
  }

  if (o.only !== 'fanout') {
    const helloLog = await startWrangler(['--config', 'bench/api/hello/wrangler.toml', '--ip', '127.0.0.1', '--port', String(P.hello), '--inspector-port', String(P.helloInspector)], 'hello-wrangler', `${HELLO}/`, o.direct ? { WRANGLER_LOG: 'debug' } : {});
    // Through wrangler dev's ProxyWorker by default, as the issue's figures were measured; --direct: both workers on
    // their own workerd sockets, as the fan-out is (the proxy is a dev-only hop, and it halves both throughputs).
    const targets = o.direct
      ? await httpTargets(await userWorkerUrl(join(outDir, `${apiLog}.log`)), await userWorkerUrl(join(outDir, `${helloLog}.log`)))
      : await httpTargets(API, HELLO);
    // The clients run in a process of their own (load-child.ts), away from the stack's stand-ins in this one; the
    // targets take turns in 1 s slices (loadInterleaved), so a noisy second falls on all of them alike.
    const clients = loadClients();
    const all = [targets.hello, ...targets.routes];
    progress(`HTTP: ${all.length} targets × ${o.seconds} s, interleaved in ${o.seconds} rounds`);
    try {
      for (const t of all) await clients.load(t.url, { connections: o.connections, seconds: 1 }); // warm-up (JIT, pools, cache)
      if (o.warmup > 0) {
        // Steady state before measuring. Under sustained load V8 doubles an isolate's young generation, step by step,
        // up to its maximum (1 → 33.6 MB here), and in workerd each scavenge also frees the native objects (requests,
        // headers, responses) that died since the last one — so the pauses behind the p99 grow with it. The API serves
        // six routes to hello-world's one, so after 1 s warm-ups it is measured at the maximum while hello-world is
        // still small: its p99 was then ~2× lower than the same hello-world's after sustained load (V8 GC trace, the
        // closing note of issue 16). Taking turns, half the time each, both reach the maximum, as isolates that serve
        // production traffic all day are.
        const turns = targets.routes.flatMap((r) => [targets.hello.url, r.url]);
        const rounds = Math.max(1, Math.round(o.warmup / turns.length));
        progress(`steady-state warm-up: ${rounds * turns.length} s, hello-world and the API in turns (--warmup 0 skips it)`);
        // seconds ÷ rounds = 1: every turn is a 1 s slice, as in the measurement.
        await clients.loadInterleaved(turns, { connections: o.connections, seconds: rounds, rounds });
      }
      const [hello, ...results] = await clients.loadInterleaved(all.map((t) => t.url), { connections: o.connections, seconds: o.seconds, rounds: Math.max(1, Math.round(o.seconds)) });
      figures.http = { hello: hello!, routes: targets.routes.map((t, i) => ({ name: t.name, result: results[i]! })) };
    } finally {
      clients.close();
    }
  }

  if (o.only !== 'http' && o.shards > 0) {
    progress(`two-level fan-out prototype: ${o.sockets} sockets on 1 shard vs over ${o.shards} shards, interleaved`);
    const shardsLog = await startWrangler(
      ['--config', 'bench/api/shards/wrangler.toml', '--ip', '127.0.0.1', '--port', String(P.shards), '--inspector-port', String(P.shardsInspector), '--persist-to', join(stackDir, 'wrangler-shards')],
      'shards-wrangler',
      `http://127.0.0.1:${P.shards}/`,
      { WRANGLER_LOG: 'debug', WRANGLER_REGISTRY_PATH: join(stackDir, 'registry-shards') },
    );
    const url = await userWorkerUrl(join(outDir, `${shardsLog}.log`)); // workerd directly, like the LiveRoom figure
    const oneMs: number[] = []; // 1-shard publishes' level-1 times (unused: one shard is the baseline layout)
    const manyMs: number[] = [];
    const warmup = 3;
    const [single, many] = await fanout({
      sockets: o.sockets,
      events: o.events,
      warmup,
      seqOf: benchSeqOf,
      systems: [shardedSystem('1 shard', url, 1, oneMs), shardedSystem(`${o.shards} shards`, url, o.shards, manyMs)],
    });
    // Level 1 alone: the publisher's RPC to N shards holding no sockets (the shards' send loops excluded).
    const level1: number[] = [];
    for (let k = 0; k < warmup + o.events; k++) {
      const r = await fetch(`${url}/forward/${o.shards}`, { method: 'POST' });
      const { forwardMs } = (await r.json()) as { forwardMs: number };
      if (k >= warmup) level1.push(forwardMs);
    }
    const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
    const withSends = manyMs.slice(warmup);
    figures.sharded = {
      shards: o.shards, single: single!, result: many!,
      forwardP50: q(level1, 0.5), forwardP99: q(level1, 0.99), withSendsP50: q(withSends, 0.5), withSendsP99: q(withSends, 0.99),
    };
  }

  const http = o.direct ? ', HTTP straight to each worker' : ', HTTP through its proxy';
  const header = `\nFairline API benchmark — node ${process.version}, ${new Date().toISOString()}, ${o.connections} connections × ${o.seconds} s each, wrangler dev (workerd)${o.only === 'fanout' ? '' : `${http}, after ${o.warmup} s of steady-state warm-up`}`;
  // Every fan-out sample, for looking at a tail rather than only its percentiles.
  writeFileSync(join(outDir, 'fanout-samples.json'), JSON.stringify({ fanout: figures.fanout, sharded: figures.sharded }, null, 1));
  console.log(benchTable(figures, header));
  if (o.json) console.log(JSON.stringify(benchJson(figures)));
} finally {
  for (const c of children) c.kill('SIGTERM');
  await stack.stop();
}
