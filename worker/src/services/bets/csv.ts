/**
 * The bets CSV: the columns the export writes and the import reads back, so an exported file re-imports as the same
 * bets (their client references make a second import a no-op). Amounts in the portfolio's currency units, written with
 * all their decimals; times ISO 8601 UTC; prop markets by our names (passing_yards …).
 */

/** The columns the import reads (client_ref may be empty; line, player_id, prop, bookmaker and placed_at when they apply). */
export const IMPORT_COLUMNS = ['client_ref', 'fixture_id', 'market', 'selection', 'line', 'player_id', 'prop', 'bookmaker', 'price', 'stake', 'placed_at'] as const;
/** Columns an import cannot do without. */
export const REQUIRED_IMPORT_COLUMNS = ['fixture_id', 'market', 'selection', 'price', 'stake'] as const;

/** The export's columns: the import's, then what the platform added (fixture, model, closing line, settlement). */
export const EXPORT_COLUMNS = [
  ...IMPORT_COLUMNS,
  'source', 'sport', 'competition', 'home', 'away', 'kickoff_at', 'player', 'model_probability', 'model_version_id',
  'closing_price', 'closing_source', 'closing_bookmaker', 'fair_closing_probability', 'clv', 'result', 'pnl', 'settled_at', 'currency',
] as const;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or starts with a formula character. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A spreadsheet would run a text cell starting with = + - @ as a formula (CSV injection): such text gets a leading
  // apostrophe, which the import strips again (unescapeCell). Numbers, and amounts written as decimal text, stay as they are.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV text with a header and CRLF line ends. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n';
}

/** A cell as the export wrote it, without the apostrophe csvField puts before formula-like text. */
export function unescapeCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
