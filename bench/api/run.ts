/**
 * API benchmark, one run, same machine, same load generator:
 *  - HTTP latency/throughput of fairline-api routes under `wrangler dev` (workerd, real Postgres + Redis) beside a
 *    hello-world Hono worker on the same runtime (the floor any route pays);
 *  - LiveRoom WebSocket fan-out (Durable Object, hibernation API) beside a plain Node `ws` broadcaster: both timed
 *    the same way, from the publish call until the last socket has the event.
 * Local `wrangler dev` adds its own proxy hop, and the clients share this machine's CPU with the servers, so absolute
 * numbers are not production's; the ratios are the point.
 *
 *   npm run bench:api [-- --connections 16 --seconds 5 --sockets 200 --events 30 --only http|fanout
 *                         --port-base N --json]
 *
 * `--json` prints one JSON object as the last line (shape in report.ts); the human table is printed either way.
 * The API runs from a bundle frozen at start (frozen-worker.ts), so edits to worker/src during a run are not measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { prepareDemoDatabase } from '../../scripts/demo-database.ts';
import { startLocalStack } from '@fairline/local/stack';
import { assertPortFree, waitForHttp } from '@fairline/local/wait';
import { fanout } from './fanout.ts';
import { freezeWorker } from './frozen-worker.ts';
import { benchSeqOf, liveRoomSystem, peerSystem } from './fanout-systems.ts';
import { httpTargets } from './http-targets.ts';
import { load } from './load.ts';
import { parseBenchOptions } from './options.ts';
import { startPeerBroadcaster } from './peer-ws.ts';
import { benchJson, benchTable, type BenchFigures } from './report.ts';
import { userWorkerUrl } from './user-worker-url.ts';

const o = parseBenchOptions(process.argv.slice(2));
const P = o.ports;
for (const p of [...Object.values(P.stack), P.api, P.hello, P.peer, P.apiInspector, P.helloInspector]) await assertPortFree(p, 'bench:api');
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
  const wenv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_REGISTRY_PATH: join(stackDir, 'registry') };
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
  progress('starting the API under wrangler dev');
  // A frozen bundle (frozen-worker.ts): other people's saves to worker/src must not reload the worker mid-run.
  const apiConfig = freezeWorker(repoRoot, join(outDir, 'api-bundle'), wenv);
  children.push(spawn('wrangler', ['dev', '--config', apiConfig, '--ip', '127.0.0.1', '--port', String(P.api), '--inspector-port', String(P.apiInspector), '--persist-to', join(stackDir, 'wrangler'), ...vars], opts('api-wrangler', { WRANGLER_LOG: 'debug' })));
  // One wrangler at a time: two starting together can race for the same internal socket.
  await waitForHttp(`${API}/health`, 120_000);

  const figures: BenchFigures = {};
  if (o.only !== 'fanout') {
    children.push(spawn('wrangler', ['dev', '--config', 'bench/api/hello/wrangler.toml', '--ip', '127.0.0.1', '--port', String(P.hello), '--inspector-port', String(P.helloInspector)], opts('hello-wrangler')));
    await waitForHttp(`${HELLO}/`, 120_000);
    const targets = await httpTargets(API, HELLO);
    const measure = async (url: string) => {
      await load(url, { connections: o.connections, seconds: 1 }); // warm-up (JIT, pools, cache)
      return load(url, { connections: o.connections, seconds: o.seconds });
    };
    progress(`HTTP: ${1 + targets.routes.length} targets × ${o.seconds} s`);
    const hello = await measure(targets.hello.url);
    const routes = [];
    for (const t of targets.routes) routes.push({ name: t.name, result: await measure(t.url) });
    figures.http = { hello, routes };
  }

  if (o.only !== 'http') {
    progress(`fan-out: ${o.sockets} sockets × ${o.events} events, LiveRoom (workerd, and through the wrangler proxy) and the Node ws peer, interleaved`);
    const direct = await userWorkerUrl(join(outDir, 'api-wrangler.log'));
    const peer = await startPeerBroadcaster(P.peer);
    try {
      const [ours, proxied, theirs] = await fanout({
        sockets: o.sockets,
        events: o.events,
        seqOf: benchSeqOf,
        systems: [liveRoomSystem('workerd', direct, 'soccer', ADMIN), liveRoomSystem('proxied', API, 'nfl', ADMIN), peerSystem(`http://127.0.0.1:${P.peer}/`)],
      });
      // The rooms decline permessage-deflate (live-room.ts UNCOMPRESSED); a runtime that ignored that would make every
      // figure here a different system, so it stops the run instead.
      for (const r of [ours!, proxied!]) if (r.extensions !== '') throw new Error(`bench:api: a LiveRoom socket negotiated '${r.extensions}'`);
      figures.fanout = { ours: ours!, proxied: proxied!, peer: theirs! };
    } finally {
      await peer.close();
    }
  }

  const header = `\nFairline API benchmark — node ${process.version}, ${new Date().toISOString()}, ${o.connections} connections × ${o.seconds} s each, wrangler dev (workerd)`;
  console.log(benchTable(figures, header));
  if (o.json) console.log(JSON.stringify(benchJson(figures)));
} finally {
  for (const c of children) c.kill('SIGTERM');
  await stack.stop();
}
