/**
 * football-data.co.uk results-and-odds CSVs → competitions, seasons, teams, fixtures and odds snapshots.
 *
 * Parsing and per-row normalisation reuse @fairline/ml's `parseFootballData` (every header generation, both
 * date formats); this adapter adds the file-level guards, identity resolution (football-data is the source of
 * record for its leagues, so it may register teams), zod validation of the normalised fixture and the upserts.
 *
 * Conventions: rows are grouped by `Div` (one division per results file; the fixtures file mixes them); the
 * season is the one in which a division's first row falls (July–June); kick-off = the `Time`
 * column read as UK time, or 12:00 UTC of the date when the file has no times; every price in a file is
 * captured "at" the match date (00:00 UTC): the pre-match and closing prices are told apart by the closing flag.
 * Asian handicap lines are stored per selection (home gets `AHh`, away its negation). Rows without a score
 * (football-data's fixtures file) become `scheduled` fixtures under the same natural key, so the results file
 * later completes the same row; their prices are updated in place when the file is refreshed.
 */
import type { Tx } from '@fairline/db';
import { parseFootballData } from '@fairline/ml/data/football-data';
import { ensureReferenceTeams } from '../identity/teams.ts';
import { assertMostRowsValid, openSourceCsv, rawRow } from '../guards.ts';
import { runSource } from '../run-source.ts';
import { addCounts, zeroCounts, type IngestFile, type IngestInput, type IngestRunCtx, type Reject, type RunSummary } from '../types.ts';
import { FOOTBALL_DATA_SOURCE, seasonOf, type FdRow } from './common.ts';
import { ingestDivision } from './division.ts';

export { FOOTBALL_DATA_SOURCE, seasonOf };

/** Ingest football-data.co.uk files (one transaction per file). */
export async function ingestFootballData({ ctx, input }: { ctx: IngestRunCtx; input: IngestInput }): Promise<RunSummary> {
  const { files, ...opts } = input;
  return runSource(ctx, 'football-data', files, (tx, file) => ingestFile(tx, file), {
    ...opts,
    prepare: (tx) => ensureReferenceTeams(tx, 'soccer'),
  });
}

async function ingestFile(tx: Tx, file: IngestFile) {
  const { table, read: parsed } = openSourceCsv(file.text, 'a football-data.co.uk', parseFootballData);
  const rowIndex = new Map<number, number>();
  table.lineNumbers.forEach((ln, i) => rowIndex.set(ln, i));
  const raw = (row: number) => rawRow(table, rowIndex.get(row));
  const rejects: Reject[] = parsed.rejects.map((r) => ({ row: r.row, raw: raw(r.row), reason: r.reason }));
  for (const w of parsed.warnings) rejects.push({ row: w.row, raw: raw(w.row), reason: w.reason });
  assertMostRowsValid(table.rows.length, parsed.rejects.length, 'football-data');

  // Played matches and upcoming fixtures (both score cells empty), in file order, grouped by division: a
  // results file holds one division, football-data's fixtures file holds all of them.
  const rows: FdRow[] = [...parsed.matches, ...parsed.fixtures].sort((a, b) => a.row - b.row);
  const fromName = /^([A-Z]+\d)/.exec(file.name.replace(/^.*[\\/]/, ''))?.[1] ?? null;
  const byDivision = new Map<string, FdRow[]>();
  for (const m of rows) {
    const code = m.division ?? fromName;
    if (!code) {
      rejects.push({ row: m.row, raw: raw(m.row), reason: 'no division: empty Div cell and none in the file name' });
      continue;
    }
    const list = byDivision.get(code);
    if (list) list.push(m);
    else byDivision.set(code, [m]);
  }
  const counts = zeroCounts();
  for (const [code, list] of byDivision) addCounts(counts, await ingestDivision(tx, code, list, raw, rejects));
  return { counts, rejects };
}
