/**
 * API benchmark, one run, same machine, same load generator:
 *  - HTTP latency/throughput of fairline-api routes under `wrangler dev` (workerd, real Postgres + Redis) beside a
 *    hello-world Hono worker on the same runtime (the floor any route pays);
 *  - LiveRoom WebSocket fan-out (Durable Object, hibernation API) beside a plain Node `ws` broadcaster.
 * Local `wrangler dev` adds its own proxy hop, so absolute numbers are not production's; the ratios are the point.
 *
 *   npm run bench:api [-- --connections 16 --seconds 5 --sockets 200 --events 30]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { prepareDemoDatabase } from '../../scripts/demo-database.ts';
import { portsFrom, startLocalStack } from '@fairline/local/stack';
import { assertPortFree, waitForHttp } from '@fairline/local/wait';
import { fanout } from './fanout.ts';
import { load, type LoadResult } from './load.ts';
import { startPeerBroadcaster } from './peer-ws.ts';

const { values: a } = parseArgs({
  options: {
    connections: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '5' },
    sockets: { type: 'string', default: '200' },
    events: { type: 'string', default: '30' },
  },
});
const CONNECTIONS = Number(a.connections);
const SECONDS = Number(a.seconds);
const BASE = 56730;
const API = 8987;
const HELLO = 8988;
const PEER_WS = 8989;
for (const p of [...Object.values(portsFrom(BASE)), API, HELLO, PEER_WS]) await assertPortFree(p, 'bench:api');

const stackDir = join(dataDir, 'bench-api');
const outDir = join(repoRoot, 'bench', '.out');
mkdirSync(outDir, { recursive: true });
const stack = await startLocalStack({ dir: stackDir, ports: portsFrom(BASE), quiet: true });
const children: ChildProcess[] = [];
try {
  await prepareDemoDatabase(stack, 'fairline');
  const env = stack.env('fairline');
  const wenv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_REGISTRY_PATH: join(stackDir, 'registry') };
  const vars = Object.entries({ ...env, ENVIRONMENT: 'development', ADMIN_TOKEN: 'bench-admin', RATE_LIMIT_PER_MINUTE: '100000000' }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  // wrangler's output goes to bench/.out so a failed start can be diagnosed.
  const opts = (name: string) => {
    const fd = openSync(join(outDir, `${name}.log`), 'w');
    return { stdio: ['ignore', fd, fd] as ['ignore', number, number], env: wenv, cwd: repoRoot };
  };
  children.push(spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(API), '--persist-to', join(stackDir, 'wrangler'), ...vars], opts('api-wrangler')));
  // One wrangler at a time: two starting together can race for the same internal socket.
  await waitForHttp(`http://127.0.0.1:${API}/health`, 120_000);
  children.push(spawn('wrangler', ['dev', '--config', 'bench/api/hello/wrangler.toml', '--ip', '127.0.0.1', '--port', String(HELLO)], opts('hello-wrangler')));
  await waitForHttp(`http://127.0.0.1:${HELLO}/`, 120_000);

  const list = await (await fetch(`http://127.0.0.1:${API}/trpc/fixtures.list?input=${encodeURIComponent(JSON.stringify({ json: { sport: 'soccer', status: 'scheduled', limit: 1 } }))}`)).json() as { result: { data: { json: { id: number }[] } } };
  const fixtureId = list.result.data.json[0]!.id;
  const trpc = (path: string, input: unknown) => `http://127.0.0.1:${API}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const targets: [string, string][] = [
    ['hello-world Hono (peer)', `http://127.0.0.1:${HELLO}/`],
    ['fairline /health (Postgres + Redis)', `http://127.0.0.1:${API}/health`],
    ['fairline fixtures.list (50 rows)', trpc('fixtures.list', { sport: 'soccer', limit: 50 })],
    ['fairline soccer.fairPrices (cached)', trpc('soccer.fairPrices', { fixtureId })],
  ];
  const results: [string, LoadResult][] = [];
  for (const [name, url] of targets) {
    await load(url, { connections: CONNECTIONS, seconds: 1 }); // warm-up (JIT, pools, cache)
    results.push([name, await load(url, { connections: CONNECTIONS, seconds: SECONDS })]);
  }

  const sockets = Number(a.sockets);
  const events = Number(a.events);
  const seqOf = (data: string) => {
    const m = JSON.parse(data) as { type?: string; event?: { at?: string }; seq?: number; bench?: number };
    if (m.type === 'event' && m.event?.at?.startsWith('bench-')) return Number(m.event.at.slice(6));
    if (typeof m.bench === 'number') return m.bench;
    return null;
  };
  const ours = await fanout({
    sockets,
    events,
    connect: () => new WebSocket(`ws://127.0.0.1:${API}/rooms/soccer`),
    publish: async (seq) => {
      const r = await fetch(`http://127.0.0.1:${API}/rooms/soccer/publish`, {
        method: 'POST',
        headers: { authorization: 'Bearer bench-admin', 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'heartbeat', at: `bench-${seq}` }),
      });
      if (!r.ok) throw new Error(`publish ${r.status}`);
      await r.arrayBuffer();
    },
    seqOf,
  });
  const peer = await startPeerBroadcaster(PEER_WS);
  const theirs = await fanout({
    sockets,
    events,
    connect: () => new WebSocket(`ws://127.0.0.1:${PEER_WS}/`),
    publish: async (seq) => {
      await (await fetch(`http://127.0.0.1:${PEER_WS}/`, { method: 'POST', body: JSON.stringify({ bench: seq }) })).arrayBuffer();
    },
    seqOf,
  });
  await peer.close();

  const f = (x: number, d = 1) => x.toFixed(d).padStart(8);
  console.log(`\nFairline API benchmark — node ${process.version}, ${new Date().toISOString()}, ${CONNECTIONS} connections × ${SECONDS} s each, wrangler dev (workerd)`);
  console.log(`${'target'.padEnd(44)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}  errors  vs peer req/s`);
  const peerRps = results[0]![1].rps;
  for (const [name, r] of results) {
    console.log(`${name.padEnd(44)}${f(r.rps, 0)}${f(r.p50)}${f(r.p90)}${f(r.p99)}${String(r.errors).padStart(8)}  ${(r.rps / peerRps).toFixed(2)}×`);
  }
  console.log(`\nWebSocket fan-out: ${sockets} sockets, ${events} events; time until the LAST socket has each event`);
  console.log(`${'system'.padEnd(44)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}`);
  console.log(`${'fairline LiveRoom (DO, publish via API)'.padEnd(44)}${f(ours.p50)}${f(ours.p99)}${f(ours.max)}`);
  console.log(`${'Node ws broadcaster (peer)'.padEnd(44)}${f(theirs.p50)}${f(theirs.p99)}${f(theirs.max)}`);
  console.log(`ratio p50 ${(ours.p50 / theirs.p50).toFixed(2)}×`);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await stack.stop();
}
