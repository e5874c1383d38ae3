/**
 * The props board's view: which rows of nfl.props.board to show and in what order — a market, one book or all (the
 * best price of each side is then re-read among the books kept), a minimum edge, a horizon, a sort — read from and
 * written to the URL so a board survives a reload and shares as a link.
 */
import type { api } from './trpc.ts';

export type Board = Awaited<ReturnType<typeof api.nfl.props.board.query>>;
export type BoardRow = Board['rows'][number];
type BoardPrice = NonNullable<BoardRow['bestOver']>;

export const BOARD_SORTS = ['edge', 'kickoff', 'player', 'market', 'over', 'under'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
/** Minimum edges offered, in percent; null is any (an odds screen shows every line). */
export const BOARD_EDGES = [null, 0, 1, 2, 3, 5, 10] as const;
export const BOARD_HORIZONS = [1, 3, 7, 14] as const;

export interface BoardView {
  /** 'all' or a prop market (passing_yards …). */
  market: string;
  /** 'all' or a bookmaker key: the best prices are then that book's. */
  book: string;
  /** Minimum edge in percent, or null for any. */
  edge: number | null;
  days: number;
  sort: BoardSort;
  desc: boolean;
}

export const DEFAULT_BOARD_VIEW: BoardView = { market: 'all', book: 'all', edge: null, days: 7, sort: 'kickoff', desc: false };

/** The view in a URL's query (unknown or malformed values fall back to the defaults). */
export function parseBoardView(q: Record<string, string | string[] | undefined>): BoardView {
  const one = (k: string) => (Array.isArray(q[k]) ? q[k][0] : q[k]);
  const text = (k: string) => {
    const v = one(k);
    return v && /^[a-z0-9_]{1,40}$/.test(v) ? v : 'all';
  };
  const edge = Number(one('edge'));
  const days = Number(one('days'));
  const sort = one('sort') as BoardSort | undefined;
  const known = sort && BOARD_SORTS.includes(sort);
  return {
    market: text('market'),
    book: text('book'),
    edge: (one('edge') ?? '').trim() !== '' && (BOARD_EDGES as readonly (number | null)[]).includes(edge) ? edge : null,
    days: (BOARD_HORIZONS as readonly number[]).includes(days) ? days : DEFAULT_BOARD_VIEW.days,
    sort: known ? sort : DEFAULT_BOARD_VIEW.sort,
    // Each sort has its natural direction (edge and prices best first, the rest A→Z); `dir` flips it.
    desc: (known && (sort === 'edge' || sort === 'over' || sort === 'under')) !== (one('dir') === 'flip'),
  };
}

const naturalDesc = (s: BoardSort) => s === 'edge' || s === 'over' || s === 'under';

/** The query string of a view (defaults left out), with its leading '?', or ''. */
export function boardSearch(v: BoardView): string {
  const p = new URLSearchParams();
  if (v.market !== 'all') p.set('market', v.market);
  if (v.book !== 'all') p.set('book', v.book);
  if (v.edge !== null) p.set('edge', String(v.edge));
  if (v.days !== DEFAULT_BOARD_VIEW.days) p.set('days', String(v.days));
  if (v.sort !== DEFAULT_BOARD_VIEW.sort) p.set('sort', v.sort);
  if (v.desc !== naturalDesc(v.sort)) p.set('dir', 'flip');
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A row as shown: its best prices among the books kept, and the edge of those. */
export interface ShownRow extends BoardRow {
  shownOver: BoardPrice | null;
  shownUnder: BoardPrice | null;
  shownEdge: number | null;
}

function best(prices: readonly (BoardPrice | null)[]): BoardPrice | null {
  let top: BoardPrice | null = null;
  for (const p of prices) if (p && (!top || p.price > top.price)) top = p;
  return top;
}

/** The rows the view shows, sorted (ties: kickoff, game, player, market, line — stable across reloads). */
export function boardRows(rows: readonly BoardRow[], v: BoardView): ShownRow[] {
  const shown: ShownRow[] = [];
  for (const r of rows) {
    if (v.market !== 'all' && r.market !== v.market) continue;
    const books = v.book === 'all' ? r.books : r.books.filter((b) => b.bookmaker === v.book);
    if (books.length === 0) continue;
    const shownOver = best(books.map((b) => b.over));
    const shownUnder = best(books.map((b) => b.under));
    const evs = [shownOver?.expectedValue, shownUnder?.expectedValue].filter((e): e is number => e !== undefined);
    const shownEdge = evs.length ? Math.max(...evs) : null;
    if (v.edge !== null && !(shownEdge !== null && shownEdge >= v.edge / 100)) continue;
    shown.push({ ...r, shownOver, shownUnder, shownEdge });
  }
  const key: Record<BoardSort, (r: ShownRow) => number | string> = {
    edge: (r) => r.shownEdge ?? -Infinity, kickoff: (r) => new Date(r.kickoffAt).getTime(), player: (r) => r.player, market: (r) => r.market,
    over: (r) => r.shownOver?.price ?? -Infinity, under: (r) => r.shownUnder?.price ?? -Infinity,
  };
  const k = key[v.sort];
  const sign = v.desc ? -1 : 1;
  const tie = (a: ShownRow, b: ShownRow) =>
    new Date(a.kickoffAt).getTime() - new Date(b.kickoffAt).getTime() || a.fixtureId - b.fixtureId || a.player.localeCompare(b.player) ||
    a.market.localeCompare(b.market) || a.line - b.line;
  return shown
    .map((r) => ({ r, k: k(r) }))
    .sort((a, b) => {
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? (a.k === b.k ? 0 : a.k - b.k) : String(a.k).localeCompare(String(b.k));
      return sign * c || tie(a.r, b.r);
    })
    .map((x) => x.r);
}
