/**
 * CPU of retraining every model kind from the database, the figure that decides between a cron and a Workflow.
 * Ingests all of ../shared/data into a fresh database on a local embedded Postgres, then runs the daily retraining
 * (services/models/retrain: load → features → fit → walk-forward backtest → file → gate) slot by slot with the served
 * configurations, and prints each slot's CPU time (process.cpuUsage: user + system of this process, which does all
 * the fitting; Postgres works in its own processes) beside the Workers limits.
 *
 *   nice -n 10 npx tsx bench/models/retrain-cpu.ts [--kind <kind>] [--at <ISO date>] [--json]
 *
 * The clock is set after the last season of the data (2020-08-01) unless `--at` moves it (D1, E1, I1 and SP1 end in
 * 2015: `--at 2015-08-01` retrains them). The peak JavaScript heap during retraining is sampled every 50 ms (a
 * Worker has 128 MB).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import ws from 'ws';
import { createPoolDb, MODEL_KINDS, type ModelKind } from '@fairline/db';
import { migrateDatabase } from '@fairline/db/migrate';
import { dataDir, sharedDataDir } from '@fairline/local/paths';
import { portsFrom, startLocalStack } from '@fairline/local/stack';
import { INGESTERS } from '../../worker/src/services/ingest/index.ts';
import type { IngestFile } from '../../worker/src/services/ingest/types.ts';
import { silentLogger } from '../../worker/src/lib/logger.ts';
import { retrainModels } from '../../worker/src/services/models/retrain/retrain.ts';

const PORT_BASE = Number(process.env.FAIRLINE_BENCH_PORT_BASE ?? 56930);
const DATABASE = 'bench_retrain';
const atArg = process.argv.indexOf('--at');
const NOW = new Date(atArg > 0 ? `${process.argv[atArg + 1]}T06:00:00Z` : '2020-08-01T06:00:00Z');
if (Number.isNaN(NOW.getTime())) throw new Error('--at takes a date (YYYY-MM-DD)');
/** Workers Standard: CPU per invocation, default 30 s, configurable to 5 min (300,000 ms) for HTTP and cron alike. */
const CPU_LIMIT_MS = 300_000;
const json = process.argv.includes('--json');
const kindArg = process.argv.indexOf('--kind');
const kinds = kindArg > 0 ? [process.argv[kindArg + 1] as ModelKind] : undefined;
if (kinds && !MODEL_KINDS.includes(kinds[0]!)) throw new Error(`--kind is one of ${MODEL_KINDS.join('|')}`);

function files(sub: string): IngestFile[] {
  const out: IngestFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.csv')) out.push({ name: relative(sharedDataDir, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(sharedDataDir, sub));
  return out;
}

const stack = await startLocalStack({ dir: join(dataDir, 'bench-retrain'), ports: portsFrom(PORT_BASE), withRedis: false, quiet: true });
try {
  await stack.postgres.dropDatabase(DATABASE);
  await stack.postgres.ensureDatabase(DATABASE);
  await migrateDatabase(stack.postgres.url(DATABASE));
  const { db, close } = createPoolDb({ url: stack.postgres.url(DATABASE), localProxy: `127.0.0.1:${stack.proxy.port}`, webSocketConstructor: ws });
  const ctx = { db, read: db, cache: null, clock: () => NOW, logger: silentLogger, fetch };
  await INGESTERS['football-data']({ ctx, input: { files: files('soccer_football_data') } });
  await INGESTERS['nflverse-games']({ ctx, input: { files: files('nfl_games') } });
  await INGESTERS['nflverse-weekly']({ ctx, input: { files: files('nfl_player_weekly') } });

  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
  const t0 = performance.now();
  const { runs } = await retrainModels({ ctx, input: { kinds } });
  const wallS = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  await close();

  const byKind = new Map<string, { slots: number; cpuMs: number; maxMs: number }>();
  for (const r of runs) {
    const k = byKind.get(r.kind) ?? { slots: 0, cpuMs: 0, maxMs: 0 };
    k.slots++;
    k.cpuMs += r.cpuMs ?? 0;
    k.maxMs = Math.max(k.maxMs, r.cpuMs ?? 0);
    byKind.set(r.kind, k);
  }
  const report = {
    machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version },
    runs: runs.map((r) => ({ kind: r.kind, scope: r.scope, outcome: r.outcome, cpuMs: r.cpuMs, gate: r.gate ? { metric: r.gate.metric, score: r.gate.candidate } : null, detail: r.detail })),
    perKind: Object.fromEntries([...byKind].map(([k, v]) => [k, { ...v, withinOneInvocation: v.cpuMs <= CPU_LIMIT_MS, slotWithinOneInvocation: v.maxMs <= CPU_LIMIT_MS }])),
    totalCpuMs: runs.reduce((s, r) => s + (r.cpuMs ?? 0), 0),
    wallS: Number(wallS.toFixed(1)),
    at: NOW.toISOString(),
    heapMB: { beforeRetrain: Math.round(heapBefore / 2 ** 20), peak: Math.round(heapPeak / 2 ** 20) },
    cpuLimitMs: CPU_LIMIT_MS,
  };
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`retrain CPU · ${report.machine.cores} × ${report.machine.model} · Node ${report.machine.node}`);
    for (const r of report.runs) {
      console.log(`  ${r.kind.padEnd(18)} ${r.scope.padEnd(22)} ${r.outcome.padEnd(10)} ${String(r.cpuMs ?? '—').padStart(8)} ms  ${r.gate ? `${r.gate.metric} ${r.gate.score.toFixed(4)}` : r.detail}`);
    }
    for (const [k, v] of Object.entries(report.perKind)) {
      console.log(`  ${k.padEnd(18)} ${v.slots} slots: ${(v.cpuMs / 1000).toFixed(1)} s CPU in all, largest slot ${(v.maxMs / 1000).toFixed(1)} s (limit ${CPU_LIMIT_MS / 1000} s per invocation)`);
    }
    console.log(`  total ${(report.totalCpuMs / 1000).toFixed(1)} s CPU, ${report.wallS} s wall (clock ${report.at}); JS heap ${report.heapMB.beforeRetrain} MB before (ingest and data loaded), peak ${report.heapMB.peak} MB`);
  }
} finally {
  await stack.stop();
}
