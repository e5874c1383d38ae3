/**
 * `fairline ingest <football-data|nflverse-games|nflverse-weekly|odds-api> (--file <path...> | --url <url>) [--json]`
 *
 * Reads the files (directories are walked for .csv / .json) or fetches the URL (bounded retries), then calls
 * the same ingestion verb the cron jobs use. Database: DATABASE_URL (+ NEON_LOCAL_PROXY for a local proxy)
 * when set, else the local embedded default in .data/dev — reusing the `npm start` stack when it is running.
 * Odds-API URLs get the key from ODDS_API_KEY. Prints a progress bar on a terminal; `--json` prints
 * `{files, inserted, updated, unchanged, rejected, ms}`. Exit code 1 when any file was aborted.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fetchTextWithRetry, redactUrl } from '../../ingest/http.ts';
import { INGESTERS } from '../../ingest/index.ts';
import { INGEST_SOURCES, type IngestFile, type IngestSource, type RunSummary } from '../../ingest/types.ts';
import { jsonLogger, silentLogger } from '../../lib/logger.ts';

const USAGE =
  'usage: fairline ingest <football-data|nflverse-games|nflverse-weekly|odds-api> (--file <path...> | --url <url>) [--json] [--verbose]';

/** True when something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * DATABASE_URL when set; else the embedded default: the `npm start` stack when its ports answer, otherwise
 * a stack of our own on the same dir/ports (stopped again when the command ends). Migrations are applied.
 */
async function openCliDatabase() {
  const ws = (await import('ws')).default;
  const { createPoolDb } = await import('@fairline/db');
  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    const { db, close } = createPoolDb({ url: envUrl, localProxy: process.env.NEON_LOCAL_PROXY, webSocketConstructor: ws });
    return { db, close, where: '' };
  }
  const { DEV_PORTS, startLocalStack } = await import('../../../../scripts/local/stack.ts');
  const { dataDir } = await import('../../../../scripts/local/paths.ts');
  const { migrateDatabase } = await import('../../../../db/src/migrate.ts');
  const { localPostgresUrl } = await import('../../../../scripts/local/postgres.ts');
  const DATABASE = 'fairline';
  let stop: () => Promise<void> = async () => {};
  let url: string;
  let proxy = `127.0.0.1:${DEV_PORTS.neonProxy}`;
  if (await listening(DEV_PORTS.postgres)) {
    // The dev cluster started by `npm start` (scripts/local/postgres.ts owns its credentials).
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: localPostgresUrl(DEV_PORTS.postgres, 'postgres') });
    await admin.connect();
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
      if (found.rowCount === 0) await admin.query(`create database "${DATABASE}"`);
    } finally {
      await admin.end();
    }
    url = localPostgresUrl(DEV_PORTS.postgres, DATABASE);
    if (!(await listening(DEV_PORTS.neonProxy))) {
      const { startNeonProxy } = await import('../../../../scripts/local/neon-proxy.ts');
      const p = await startNeonProxy({ port: 0 });
      proxy = `127.0.0.1:${p.port}`;
      stop = () => p.close();
    }
  } else {
    const stack = await startLocalStack({ dir: join(dataDir, 'dev'), ports: DEV_PORTS, withRedis: false, quiet: true });
    await stack.postgres.ensureDatabase(DATABASE);
    url = stack.postgres.url(DATABASE);
    stop = () => stack.stop();
  }
  await migrateDatabase(url);
  const { db, close } = createPoolDb({ url, localProxy: proxy, webSocketConstructor: ws });
  return {
    db,
    where: 'local embedded Postgres',
    async close() {
      await close();
      await stop();
    },
  };
}

function collect(path: string, ext: string[], out: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const e of readdirSync(path).sort()) {
      const p = join(path, e);
      if (statSync(p).isDirectory() || ext.some((x) => e.endsWith(x))) collect(p, ext, out);
    }
  } else out.push(path);
}

function bar(done: number, total: number, label: string): string {
  const width = 28;
  const fill = total === 0 ? width : Math.round((done / total) * width);
  return `\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${label.slice(-50).padEnd(50)}`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string', multiple: true },
      url: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const source = positionals[0] as IngestSource | undefined;
  if (values.help || !source) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (!INGEST_SOURCES.includes(source)) {
    console.error(`fairline ingest: unknown source "${source}"\n${USAGE}`);
    return 2;
  }
  // Paths after --file may also be given as extra positionals (shell globs expand to several words).
  const paths = [...(values.file ?? []), ...positionals.slice(1)];
  if ((paths.length === 0) === !values.url) {
    console.error(`fairline ingest: give either --file <path...> or --url <url>\n${USAGE}`);
    return 2;
  }

  const files: IngestFile[] = [];
  if (values.url) {
    let url = values.url;
    const key = process.env.ODDS_API_KEY;
    if (source === 'odds-api' && key && !/[?&]apiKey=/.test(url)) url += `${url.includes('?') ? '&' : '?'}apiKey=${encodeURIComponent(key)}`;
    const res = await fetchTextWithRetry(fetch, url, {}, {
      onRetry: (a, why, ms) => console.error(`fairline ingest: attempt ${a} failed (${why}); retrying in ${ms} ms`),
    });
    files.push({ name: redactUrl(url), text: res.text });
  } else {
    const list: string[] = [];
    const ext = source === 'odds-api' ? ['.json'] : ['.csv'];
    for (const p of paths) collect(p, ext, list);
    for (const p of list) files.push({ name: p, text: readFileSync(p, 'utf8') });
  }

  const conn = await openCliDatabase();
  const tty = process.stderr.isTTY && !values.json;
  let summary: RunSummary;
  try {
    summary = await INGESTERS[source](
      { db: conn.db, clock: () => new Date(), logger: values.verbose ? jsonLogger({ cmd: 'ingest' }) : silentLogger, fetch },
      { files },
      {
        onProgress: (done, total, o) => {
          if (tty) process.stderr.write(bar(done, total, o.name));
          if (o.error) process.stderr.write(`${tty ? '\n' : ''}fairline ingest: ${o.name}: ${o.error}\n`);
        },
      },
    );
    if (tty) process.stderr.write('\n');
  } finally {
    await conn.close();
  }
  const out = {
    files: summary.files,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    ms: summary.ms,
  };
  if (values.json) console.log(JSON.stringify(out));
  else {
    console.log(
      `${source}: ${out.files} file(s) · ${out.inserted} inserted · ${out.updated} updated · ${out.unchanged} unchanged · ` +
        `${out.rejected} rejected · ${out.ms} ms (run ${summary.runId}${conn.where ? `, ${conn.where}` : ''})`,
    );
  }
  return summary.failedFiles > 0 ? 1 : 0;
}
