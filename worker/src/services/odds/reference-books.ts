/**
 * Pseudo-bookmakers that carry reference lines rather than a book's offer. Ingestion writes under them and the
 * pricing services read them (and keep them out of value bets), so they live here, with neither side.
 */

/**
 * nflverse's schedule lines (games.csv `spread_line`, `total_line`, moneylines): one consensus-like line per game,
 * stored under this pseudo-bookmaker key. Not a book: never a value bet, and only its newest line counts.
 */
export const NFL_LINES_BOOK = { key: 'nflverse_lines', name: 'nflverse betting lines' } as const;
