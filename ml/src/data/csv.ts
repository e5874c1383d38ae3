/**
 * RFC 4180 CSV parsing, tolerant of what real-world exports do: a UTF-8 BOM, CRLF, bare LF, bare CR and
 * the CR CR LF line ends some football-data.co.uk files carry, quoted fields with embedded commas, quotes
 * and newlines. Rows whose cells are all empty (e.g. ",,,,") are dropped, because every source we read
 * uses them as padding, never as data.
 *
 * Pure: takes text, returns arrays. File and network I/O belong to the callers.
 */

export interface CsvTable {
  header: string[];
  /** Data rows, each padded or truncated to the header's width. */
  rows: string[][];
  /** 1-based line number in the source text of each data row (for reject reports). */
  lineNumbers: number[];
}

/** Split CSV text into rows of raw cells. */
export function parseCsvRows(text: string): { cells: string[][]; lines: number[] } {
  const cells: string[][] = [];
  const lines: number[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = start;
  let field = '';
  let fieldStart = i;
  let quoted = false;

  const endField = (end: number) => {
    row.push(quoted ? field : text.slice(fieldStart, end));
    field = '';
    quoted = false;
  };
  const endRow = () => {
    if (row.some((c) => c.trim() !== '')) {
      cells.push(row);
      lines.push(rowLine);
    }
    row = [];
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */ && i === fieldStart) {
      // Quoted field: read to the closing quote, "" is an escaped quote.
      quoted = true;
      let j = i + 1;
      let out = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error(`CSV: unterminated quoted field starting on line ${line}`);
        out += text.slice(j, q);
        for (let k = j; k < q; k++) if (text.charCodeAt(k) === 0x0a) line++;
        if (text.charCodeAt(q + 1) === 0x22) {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      field = out;
      i = j;
      continue;
    }
    if (c === 0x2c /* , */) {
      endField(i);
      i++;
      fieldStart = i;
      continue;
    }
    if (c === 0x0d || c === 0x0a) {
      endField(i);
      endRow();
      // Swallow any run of CR/LF as one line end (covers CRLF and CR CR LF); count LFs (or lone CRs).
      let sawLf = false;
      while (i < n && (text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x0a)) {
        if (text.charCodeAt(i) === 0x0a) {
          line++;
          sawLf = true;
        }
        i++;
      }
      if (!sawLf) line++;
      fieldStart = i;
      rowLine = line;
      continue;
    }
    i++;
  }
  if (i > fieldStart || quoted || row.length > 0) {
    endField(i);
    endRow();
  }
  return { cells, lines };
}

/** Parse CSV text with a header row. Trailing unnamed header cells (",,,") are dropped. */
export function parseCsv(text: string): CsvTable {
  const { cells, lines } = parseCsvRows(text);
  const first = cells[0];
  if (!first) throw new Error('CSV: the file is empty (no header row)');
  const header = first.map((h) => h.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new Error('CSV: the header row has no column names');
  const width = header.length;
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  for (let r = 1; r < cells.length; r++) {
    const raw = cells[r]!;
    const row = raw.length === width ? raw : raw.slice(0, width);
    while (row.length < width) row.push('');
    rows.push(row);
    lineNumbers.push(lines[r]!);
  }
  return { header, rows, lineNumbers };
}

/** Index of each header column by name; throws a clear error naming missing required columns. */
export function columnIndex(header: readonly string[], required: readonly string[] = []): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  const missing = required.filter((r) => !index.has(r));
  if (missing.length > 0) throw new Error(`CSV: missing required column(s): ${missing.join(', ')}`);
  return index;
}
