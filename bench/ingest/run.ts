/**
 * Ingestion benchmark: all of ../shared/data into a fresh database on a local embedded Postgres (through the
 * Neon WebSocket proxy, as the CLI and workers write), then everything again.
 *
 *   npx tsx bench/ingest/run.ts [--json] [--pooler]
 *
 * `--pooler`: the same writes through Debian's pgbouncer in transaction mode (port base+4), as production writes
 * through Neon's pooled URL — every run then also takes and renews its source's lease through the pooler.
 *
 * Reports per source: files, source rows (CSV data rows), rows written, wall time and rows/s; then the
 * re-ingest time and the number of changed rows (inserted + updated), which must be 0.
 * Targets (issue 5): first ingest of everything ≤ 60 s; re-ingest ≤ 30 s with zero changed rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ws from 'ws';
import { createPoolDb } from '@fairline/db';
import { migrateDatabase } from '@fairline/db/migrate';
import { dataDir, sharedDataDir } from '@fairline/local/paths';
import { startPgBouncer } from '@fairline/local/pgbouncer';
import { portsFrom, startLocalStack } from '@fairline/local/stack';
import { INGESTERS } from '../../worker/src/services/ingest/index.ts';
import type { IngestFile, IngestSource, RunSummary } from '../../worker/src/services/ingest/types.ts';
import { silentLogger } from '../../worker/src/lib/logger.ts';

const PORT_BASE = Number(process.env.FAIRLINE_BENCH_PORT_BASE ?? 56530);
const DATABASE = 'bench_ingest';
const json = process.argv.includes('--json');
const viaPooler = process.argv.includes('--pooler');

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

/** Data rows of a CSV text: non-empty lines after the header (these files have no embedded newlines). */
function sourceRows(f: IngestFile): number {
  let n = 0;
  for (const line of f.text.split(/\r\n|\r\r\n|\n|\r/).slice(1)) if (line.replace(/,/g, '').trim() !== '') n++;
  return n;
}

const PLAN: [IngestSource, string][] = [
  ['football-data', 'soccer_football_data'],
  ['nflverse-games', 'nfl_games'],
  ['nflverse-weekly', 'nfl_player_weekly'],
];

let stopPooler: () => Promise<void> = () => Promise.resolve();
const stack = await startLocalStack({
  dir: join(dataDir, 'bench'),
  ports: portsFrom(PORT_BASE),
  withRedis: false,
  quiet: true,
});
try {
  await stack.postgres.dropDatabase(DATABASE);
  await stack.postgres.ensureDatabase(DATABASE);
  await migrateDatabase(stack.postgres.url(DATABASE));
  const admin = new URL(stack.postgres.url(DATABASE));
  const pooler = viaPooler
    ? await startPgBouncer({
        dir: join(dataDir, 'bench', 'pgbouncer'),
        port: PORT_BASE + 4,
        postgresPort: stack.postgres.port,
        user: decodeURIComponent(admin.username),
        password: decodeURIComponent(admin.password),
      })
    : null;
  stopPooler = () => pooler?.stop() ?? Promise.resolve();
  const { db, close } = createPoolDb({
    url: pooler ? pooler.url(DATABASE) : stack.postgres.url(DATABASE),
    localProxy: `127.0.0.1:${stack.proxy.port}`,
    webSocketConstructor: ws,
  });
  const ctx = { db, clock: () => new Date(), logger: silentLogger, fetch };
  const inputs = PLAN.map(([source, sub]) => ({ source, files: files(sub) }));
  const mb = inputs.reduce((s, i) => s + i.files.reduce((t, f) => t + f.text.length, 0), 0) / 1e6;
  const pass = async () => {
    const out: { source: IngestSource; files: number; sourceRows: number; summary: RunSummary; ms: number }[] = [];
    for (const { source, files: fs } of inputs) {
      const t0 = performance.now();
      const summary = await INGESTERS[source]({ ctx, input: { files: fs } });
      out.push({ source, files: fs.length, sourceRows: fs.reduce((n, f) => n + sourceRows(f), 0), summary, ms: performance.now() - t0 });
    }
    return out;
  };
  const first = await pass();
  const second = await pass();
  await close();

  const total = (p: typeof first) => p.reduce((s, r) => s + r.ms, 0);
  const changed = second.reduce((s, r) => s + r.summary.inserted + r.summary.updated, 0);
  const report = {
    machine: { cores: (await import('node:os')).cpus().length, node: process.version, inputMB: Number(mb.toFixed(1)) },
    path: pooler ? 'pgbouncer (transaction mode)' : 'direct',
    first: first.map((r) => ({
      source: r.source,
      files: r.files,
      sourceRows: r.sourceRows,
      rowsWritten: r.summary.inserted + r.summary.updated,
      rejected: r.summary.rejected,
      failedFiles: r.summary.failedFiles,
      s: Number((r.ms / 1000).toFixed(2)),
      sourceRowsPerS: Math.round(r.sourceRows / (r.ms / 1000)),
      rowsWrittenPerS: Math.round((r.summary.inserted + r.summary.updated) / (r.ms / 1000)),
    })),
    firstTotalS: Number((total(first) / 1000).toFixed(2)),
    reingest: second.map((r) => ({
      source: r.source,
      s: Number((r.ms / 1000).toFixed(2)),
      inserted: r.summary.inserted,
      updated: r.summary.updated,
      unchanged: r.summary.unchanged,
    })),
    reingestTotalS: Number((total(second) / 1000).toFixed(2)),
    changedRowsOnReingest: changed,
    targets: {
      firstIngestUnder60s: total(first) <= 60_000,
      reingestUnder30s: total(second) <= 30_000,
      reingestZeroChanged: changed === 0,
    },
  };
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`ingest benchmark · ${report.machine.cores} cores · Node ${report.machine.node} · ${report.machine.inputMB} MB of CSV · ${report.path}`);
    console.log('first ingest');
    console.log('  source            files  src rows  rows written  rejected      s   src rows/s  written rows/s');
    for (const r of report.first) {
      console.log(
        `  ${r.source.padEnd(16)} ${String(r.files).padStart(6)} ${String(r.sourceRows).padStart(9)} ${String(r.rowsWritten).padStart(13)} ${String(r.rejected).padStart(9)} ${r.s.toFixed(2).padStart(6)} ${String(r.sourceRowsPerS).padStart(12)} ${String(r.rowsWrittenPerS).padStart(15)}`,
      );
    }
    console.log(`  total ${report.firstTotalS.toFixed(2)} s (target ≤ 60 s: ${report.targets.firstIngestUnder60s ? 'met' : 'MISSED'})`);
    console.log('re-ingest');
    for (const r of report.reingest) {
      console.log(`  ${r.source.padEnd(16)} ${r.s.toFixed(2).padStart(6)} s  inserted ${r.inserted}  updated ${r.updated}  unchanged ${r.unchanged}`);
    }
    console.log(
      `  total ${report.reingestTotalS.toFixed(2)} s (target ≤ 30 s: ${report.targets.reingestUnder30s ? 'met' : 'MISSED'}); changed rows ${changed} (target 0: ${report.targets.reingestZeroChanged ? 'met' : 'MISSED'})`,
    );
  }
  process.exitCode = Object.values(report.targets).every(Boolean) ? 0 : 1;
} finally {
  await stopPooler();
  await stack.stop();
}
