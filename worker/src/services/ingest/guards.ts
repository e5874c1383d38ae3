/**
 * File-level guards shared by the CSV adapters. They turn "this is not the file you think it is" into one
 * clear error that aborts the file, instead of thousands of row rejects or, worse, partial rows.
 */
import type { CsvTable } from '@fairline/ml/data/csv';
import { parseCsv, parseCsvRows } from '@fairline/ml/data/csv';
import { FileRejectedError } from './types.ts';

/**
 * A file cut off mid-row ends without a line break and its last line has fewer cells than the header.
 * (A cut exactly at a line end is indistinguishable from a shorter file and is not caught here.)
 */
export function assertNotTruncated(text: string): void {
  if (text.length === 0) throw new FileRejectedError('the file is empty');
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x0a || last === 0x0d) return;
  const firstBreak = text.search(/[\r\n]/);
  if (firstBreak < 0) return;
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  const header = parseCsvRows(text.slice(0, firstBreak)).cells[0] ?? [];
  let width = header.length;
  while (width > 0 && (header[width - 1] ?? '').trim() === '') width--;
  const tail = parseCsvRows(text.slice(lastBreak + 1)).cells[0];
  if (tail && tail.length < width) {
    throw new FileRejectedError(
      `the file looks truncated: its last line has ${tail.length} of ${width} columns and no line break`,
    );
  }
}

/** More than half the data rows rejected means wrong or shifted columns, not a few bad rows. */
export function assertMostRowsValid(total: number, rejected: number, what: string): void {
  if (total >= 4 && rejected * 2 > total) {
    throw new FileRejectedError(
      `${rejected} of ${total} rows failed validation: the columns do not match a ${what} file (shuffled or wrong header?)`,
    );
  }
}

/** The row's cells joined back into CSV-ish text for the reject report. */
export function rawRow(table: CsvTable, index: number | undefined): string | null {
  if (index === undefined) return null;
  const r = table.rows[index];
  if (!r) return null;
  let end = r.length;
  while (end > 0 && r[end - 1] === '') end--;
  return r.slice(0, end).map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

/**
 * The first step of every CSV adapter: refuse a truncated file, parse it, and let `read` check it is this
 * source's file (required columns, dialect). Any failure aborts the file as "not a <what> file: …".
 */
export function openSourceCsv<T>(text: string, what: string, read: (table: CsvTable) => T): { table: CsvTable; read: T } {
  assertNotTruncated(text);
  try {
    const table = parseCsv(text);
    return { table, read: read(table) };
  } catch (err) {
    throw new FileRejectedError(`not ${what} file: ${err instanceof Error ? err.message : String(err)}`);
  }
}
