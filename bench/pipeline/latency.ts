/**
 * The event pipeline's latency in local development: from an ingestion commit's enqueue to the room event a client
 * receives, through `wrangler dev` — miniflare's own queue broker (max_batch_timeout), the consumer (watermark read,
 * repricing, one publish per room) and a LiveRoom WebSocket. The producer is the hourly soccer refresh, triggered over
 * wrangler's /__scheduled after a result change (so its predictions move and it enqueues them); the commit time is the
 * message's `committedAt`, which the consumer logs (`oldestCommit`), on the same host clock as the client's.
 *
 *   nice -n 10 flock /tmp/fairline-bench.lock npm run bench:pipeline -- [--runs 5] [--port 8913] [--port-base 57300] [--dlq]
 *
 * `--dlq` then checks the broker's retries and dead-letter queue end to end: with push_watermarks renamed away every
 * delivery fails, so the next refresh's messages are retried by miniflare (max_retries, the consumer's backoff) and
 * must arrive in the dead-letter queue, whose consumer records them in dead_letters (about a minute of backoff).
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

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, port: { type: 'string', default: '8913' }, 'port-base': { type: 'string', default: '57300' }, dlq: { type: 'boolean', default: false } },
});
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

const DATABASE = `pipeline_${Date.now()}`;
const stack = await startLocalStack({ dir: stackDir, ports, quiet: true });
const child = { kill: () => {} } as { kill: (s?: NodeJS.Signals) => void };
try {
  // A database of its own per run: the refresh must find results it has not fitted yet (a reused one may move nothing).
  await prepareDemoDatabase(stack, DATABASE);
  const env: Record<string, string> = { ...stack.env(DATABASE), ENVIRONMENT: 'development', ADMIN_TOKEN: 'bench-admin' };
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
        UPDATE fixtures SET status = 'final', home_score = ${6 + r}, away_score = 0, kickoff_at = now() - interval '1 day', updated_at = now()
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
  const out: Record<string, unknown> = { runs: figures.length, commitToEventMs: { min: sorted[0], p50: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1] }, all: figures };
  if (values.dlq) out.dlq = await deadLetterCheck();
  console.log(JSON.stringify(out));
} finally {
  child.kill();
  await new Promise((ok) => setTimeout(ok, 500)); // wrangler's connections close before the drop
  await stack.postgres.dropDatabase(DATABASE).catch(() => undefined);
  await stack.stop();
}

/** Breaks every delivery, triggers a refresh and waits for its messages in dead_letters (seconds, attempts, failures seen). */
async function deadLetterCheck() {
  const env = stack.env(DATABASE);
  const { db, close } = createPoolDb({ url: env.DATABASE_URL!, localProxy: env.NEON_LOCAL_PROXY, webSocketConstructor: ws });
  const rows = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  try {
    await db.execute(sql`ALTER TABLE push_watermarks RENAME TO push_watermarks_away`);
    await db.execute(sql`
      UPDATE fixtures SET status = 'final', home_score = 9, away_score = 0, kickoff_at = now() - interval '1 day', updated_at = now()
      WHERE id = (SELECT f.id FROM fixtures f WHERE f.sport = 'soccer' AND f.status = 'scheduled' ORDER BY f.kickoff_at LIMIT 1)`);
    const before = readFileSync(logFile, 'utf8').length;
    const t0 = Date.now();
    progress('dead-letter check: every delivery fails now; waiting for the dead-letter queue (about a minute of backoff)');
    const res = await fetch(`${API}/__scheduled?cron=${encodeURIComponent('0 * * * *')}`);
    if (!res.ok) throw new Error(`/__scheduled answered ${res.status}`);
    for (;;) {
      const [dl] = await rows<{ n: number; attempts: number | null }>(sql`SELECT count(*)::int AS n, max(attempts) AS attempts FROM dead_letters`);
      if (dl!.n > 0) {
        const log = readFileSync(logFile, 'utf8').slice(before);
        return { seconds: (Date.now() - t0) / 1000, letters: dl!.n, attempts: dl!.attempts, failedDeliveries: log.split('pipeline: delivery failed').length - 1 };
      }
      if (Date.now() - t0 > 240_000) throw new Error('no dead letter within 240 s');
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  } finally {
    await db.execute(sql`ALTER TABLE IF EXISTS push_watermarks_away RENAME TO push_watermarks`);
    await close();
  }
}
