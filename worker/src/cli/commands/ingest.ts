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
import { join } from 'node:path';
import { jsonLogger, silentLogger } from '../../lib/logger.ts';
import { FILE_RETRY, fetchTextWithRetry, redactUrl } from '../../services/ingest/http.ts';
import { INGESTERS } from '../../services/ingest/index.ts';
import { INGEST_SOURCES, runFigures, type IngestFile, type IngestSource, type RunSummary } from '../../services/ingest/types.ts';
import { defineCommand, UsageError } from '../command.ts';
import { cliContext, openCliDatabase } from '../database.ts';
import { cliEnv } from '../env.ts';

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

/** `fairline ingest`. */
export const command = defineCommand({
  name: 'ingest',
  positionals: { usage: `<${INGEST_SOURCES.join('|')}>`, required: 1 },
  options: {
    file: { type: 'string', arg: '<path...>', multiple: true },
    url: { type: 'string', arg: '<url>' },
    verbose: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    const source = positionals[0] as IngestSource;
    if (!INGEST_SOURCES.includes(source)) throw new UsageError(`unknown source "${source}"`);
    // Paths after --file may also be given as extra positionals (shell globs expand to several words).
    const paths = [...values.file, ...positionals.slice(1)];
    if ((paths.length === 0) === !values.url) throw new UsageError('give either --file <path...> or --url <url>');

    const files: IngestFile[] = [];
    if (values.url) {
      let url = values.url;
      const key = cliEnv().ODDS_API_KEY;
      if (source === 'odds-api' && key && !/[?&]apiKey=/.test(url)) url += `${url.includes('?') ? '&' : '?'}apiKey=${encodeURIComponent(key)}`;
      // A whole file (a CSV of several MB): the file policy's longer body budget.
      const res = await fetchTextWithRetry(fetch, url, FILE_RETRY, {
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
      summary = await INGESTERS[source]({
        ctx: cliContext(conn.db, values.verbose ? jsonLogger({ cmd: 'ingest' }) : silentLogger),
        input: {
          files,
          onProgress: (done, total, o) => {
            if (tty) process.stderr.write(bar(done, total, o.name));
            if (o.error) process.stderr.write(`${tty ? '\n' : ''}fairline ingest: ${o.name}: ${o.error}\n`);
          },
        },
      });
      if (tty) process.stderr.write('\n');
    } finally {
      await conn.close();
    }
    const out = runFigures(summary);
    if (values.json) console.log(JSON.stringify(out));
    else {
      console.log(
        `${source}: ${out.files} file(s) · ${out.inserted} inserted · ${out.updated} updated · ${out.unchanged} unchanged · ` +
          `${out.rejected} rejected · ${out.ms} ms (run ${summary.runId}${conn.where ? `, ${conn.where}` : ''})`,
      );
    }
    return summary.failedFiles > 0 ? 1 : 0;
  },
});

/** Runs the command on the words after `fairline ingest`; resolves to the exit code. */
export const run = command.run;
