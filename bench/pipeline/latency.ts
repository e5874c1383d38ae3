/**
 * The event pipeline's latency in local development: from an ingestion commit's enqueue to the room event a client
 * receives, through `wrangler dev` — miniflare's own queue broker (max_batch_timeout), the consumer (watermark read,
 * repricing, one publish per room) and a LiveRoom WebSocket. The producer is the hourly soccer refresh, triggered over
 * wrangler's /__scheduled after a result change (so its predictions move and it enqueues them); the commit time is the
 * message's `committedAt`, which the consumer logs (`oldestCommit`), on the same host clock as the client's.
 *
 *   nice -n 10 flock /tmp/fairline-bench.lock npm run bench:pipeline -- [--runs 5] [--port 8913] [--port-base 57300]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ws from 'ws';
import { createPoolDb } from '@fairline/db';
import { dataDir, repoRoot } from '@fairline/local/paths';
import { portsFrom, startLocalStack } from '@fairline/local/stack';
import { assertPortFree, waitForHttp } from '@fairline/local/wait';
import { sql } from 'drizzle-orm';
import { prepareDemoDatabase } from '../../scripts/demo-database.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, port: { type: 'string', default: '8913' }, 'port-base': { type: 'string', default: '57300' } } });
const runs = Number(values.runs);
const port = Number(values.port);
const ports = portsFrom(Number(values['port-base']));
const inspector = Number(values['port-base']) + 7;
for (const p of [...Object.values(ports), port, inspector]) await assertPortFree(p, 'bench:pipeline');
const API = `http://127.0.0.1:${port}`;
const stackDir = join(dataDir, `bench-pipeline-${ports.postgres}`);
const outDir = join(repoRoot, 'bench', '.out');
mkdirSync(outDir, { recursive: true });
const logFile = join(outDir, 'pipeline-wrangler.log');
const progress = (msg: string) => process.stderr.write(`bench:pipeline: ${msg}\n`);

const stack = await startLocalStack({ dir: stackDir, ports, quiet: true });
const child = { kill: () => {} } as { kill: (s?: NodeJS.Signals) => void };
try {
  await prepareDemoDatabase(stack, 'fairline');
  const env: Record<string, string> = { ...stack.env('fairline'), ENVIRONMENT: 'development', ADMIN_TOKEN: 'bench-admin' };
  const vars = Object.entries(env).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const fd = openSync(logFile, 'w');
  progress('starting the API under wrangler dev (--test-scheduled)');
  const w = spawn('wrangler', ['dev', '--test-scheduled', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', join(stackDir, 'wrangler'), ...vars], {
    cwd: repoRoot, stdio: ['ignore', fd, fd], detached: true,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_REGISTRY_PATH: join(stackDir, 'registry') },
  });
  child.kill = (s) => process.kill(-w.pid!, s ?? 'SIGTERM');
  await waitForHttp(`${API}/health`, 120_000);
  const { db, close } = createPoolDb({ url: env.DATABASE_URL!, localProxy: env.NEON_LOCAL_PROXY, webSocketConstructor: ws });
  const figures: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      // A result arrives: the next scheduled soccer fixture is played (a big home win), so the refresh refits and moves.
      const { rows } = (await db.execute(sql`
        UPDATE fixtures SET status = 'final', home_score = ${4 + r}, away_score = 0, kickoff_at = now() - interval '1 day', updated_at = now()
        WHERE id = (SELECT f.id FROM fixtures f WHERE f.sport = 'soccer' AND f.status = 'scheduled' ORDER BY f.kickoff_at LIMIT 1) RETURNING id`)) as unknown as { rows: { id: number }[] };
      if (rows.length === 0) throw new Error('no scheduled soccer fixture left');
      const socket = new ws(`ws://127.0.0.1:${port}/rooms/soccer`);
      await new Promise((ok, fail) => (socket.once('open', ok), socket.once('error', fail)));
      const arrived = new Promise<number>((ok) =>
        socket.on('message', (data) => {
          const m = JSON.parse(String(data)) as { type: string; event?: { kind: string } };
          if (m.type === 'event' && m.event?.kind === 'prediction') ok(Date.now());
        }),
      );
      const before = readFileSync(logFile, 'utf8').length;
      const res = await fetch(`${API}/__scheduled?cron=${encodeURIComponent('0 * * * *')}`);
      if (!res.ok) throw new Error(`/__scheduled answered ${res.status}`);
      const at = await Promise.race([arrived, new Promise<number>((_, fail) => setTimeout(() => fail(new Error('no prediction event within 60 s')), 60_000))]);
      socket.close();
      await new Promise((ok) => setTimeout(ok, 300)); // the consumer's log line
      const line = readFileSync(logFile, 'utf8').slice(before).split('\n').find((l) => l.includes('pipeline: delivered'));
      const commit = line ? /"oldestCommit":"([^"]+)"/.exec(line)?.[1] : undefined;
      if (!commit) throw new Error('the consumer logged no delivery');
      const ms = at - Date.parse(commit);
      figures.push(ms);
      progress(`run ${r + 1}: enqueue after commit → prediction event on the socket ${ms} ms (consumer: ${/"lagMs":(\d+)/.exec(line!)?.[1]} ms to publish)`);
    }
  } finally {
    await close();
  }
  const sorted = [...figures].sort((a, b) => a - b);
  console.log(JSON.stringify({ runs: figures.length, commitToEventMs: { min: sorted[0], p50: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1] }, all: figures }));
} finally {
  child.kill();
  await stack.stop();
}
