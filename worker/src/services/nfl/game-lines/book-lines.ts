/**
 * A game's book quotes as lines: each book's current spread, total and moneyline prices paired into two-sided
 * quotes, each book's MAIN line per market, and the consensus line (the median of the books' main lines).
 *
 * Stored conventions (odds ingestion): market `spread`, selection `home` with line = the HOME HANDICAP (home −3
 * = home favoured by 3) and `away` with the away handicap (+3); `game_total` over/under with the total;
 * `moneyline` home/away without a line. A spread quote here carries the home handicap as its line.
 */
import { pricing } from '@fairline/ml';
import { NFL_LINES_BOOK } from '../../odds/reference-books.ts';
import type { CurrentPrice } from '@fairline/db';

/**
 * Line sources that are not books one can bet at: the nflverse schedule's lines (a consensus record that the
 * daily results job stores under a pseudo-book). Their line enters the consensus only where no real book quotes
 * that market, and they are never value bets. The schedule re-publishes a moved line at the same capture time as
 * the line it replaces, so only its newest row per market and side counts.
 */
export const REFERENCE_BOOKS: ReadonlySet<string> = new Set([NFL_LINES_BOOK.key]);

export type LineMarket = 'spread' | 'total' | 'moneyline';

export interface BookLine {
  bookmaker: string;
  market: LineMarket;
  /** Home handicap (spread), the total (total), null (moneyline). */
  line: number | null;
  /** home (spread, moneyline) or over (total) … */
  first?: CurrentPrice;
  /** … and away or under. */
  second?: CurrentPrice;
}

/** Whole or half points: a quarter line (or garbage) is not an NFL line and is left out. */
const isLine = (x: number | null): x is number => x !== null && Number.isFinite(x) && Number.isInteger(x * 2);
/** −0 → 0, so −(−0) and 0 key the same line. */
const plain = (x: number) => (x === 0 ? 0 : x);

/** A reference source's newest row per market and side (its older rows are superseded lines). */
function newestOfReferences(prices: readonly CurrentPrice[]): CurrentPrice[] {
  const newest = new Map<string, CurrentPrice>();
  for (const p of prices) {
    if (!REFERENCE_BOOKS.has(p.bookmaker)) continue;
    const k = `${p.bookmaker}|${p.market}|${p.selection}`;
    const seen = newest.get(k);
    if (!seen || p.capturedAt.getTime() > seen.capturedAt.getTime() || (p.capturedAt.getTime() === seen.capturedAt.getTime() && p.id > seen.id)) newest.set(k, p);
  }
  const keep = new Set(newest.values());
  return prices.filter((p) => !REFERENCE_BOOKS.has(p.bookmaker) || keep.has(p));
}

/** Pairs each book's current prices into quotes, sorted by market, book and line. */
export function bookLines(all: readonly CurrentPrice[]): BookLine[] {
  const prices = newestOfReferences(all);
  const byKey = new Map<string, BookLine>();
  for (const p of prices) {
    let market: LineMarket, line: number | null, side: 'first' | 'second';
    if (p.market === 'spread' && (p.selection === 'home' || p.selection === 'away') && isLine(p.line)) {
      market = 'spread';
      line = p.selection === 'home' ? plain(p.line) : pricing.flipHandicap(p.line);
      side = p.selection === 'home' ? 'first' : 'second';
    } else if (p.market === 'game_total' && (p.selection === 'over' || p.selection === 'under') && isLine(p.line) && p.line > 0) {
      market = 'total';
      line = p.line;
      side = p.selection === 'over' ? 'first' : 'second';
    } else if (p.market === 'moneyline' && (p.selection === 'home' || p.selection === 'away')) {
      market = 'moneyline';
      line = null;
      side = p.selection === 'home' ? 'first' : 'second';
    } else continue;
    if (!(p.price > 1) || !Number.isFinite(p.price)) continue;
    const key = `${market}|${p.bookmaker}|${line}`;
    const q = byKey.get(key) ?? { bookmaker: p.bookmaker, market, line };
    q[side] = p;
    byKey.set(key, q);
  }
  const order: Record<LineMarket, number> = { spread: 0, total: 1, moneyline: 2 };
  return [...byKey.values()].sort(
    (a, b) => order[a.market] - order[b.market] || a.bookmaker.localeCompare(b.bookmaker) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/**
 * A book's main line in a market: among its two-sided quotes, the one whose two prices are closest to even
 * (smallest gap between the implied probabilities); ties go to the lower line. Alternates sit further off.
 */
export function mainLine(lines: readonly BookLine[]): BookLine | null {
  let best: BookLine | null = null, gap = Infinity;
  for (const q of lines) {
    if (!q.first || !q.second || q.line === null) continue;
    const g = Math.abs(1 / q.first.price - 1 / q.second.price);
    if (g < gap || (g === gap && best !== null && q.line < best.line!)) {
      best = q;
      gap = g;
    }
  }
  return best;
}

/**
 * The median of the books' main lines. With an even number of books whose middle lines differ by half a
 * point the midpoint is a quarter line, which no book offers: it goes to the whole number of the two
 * neighbouring lines (symmetric in home and away handicaps, and the line a book would hang on a key number).
 */
export function consensusLine(lines: readonly number[]): number | null {
  if (lines.length === 0) return null;
  const s = [...lines].sort((a, b) => a - b);
  const n = s.length;
  const mid = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  if (Number.isInteger(mid * 2)) return plain(mid);
  const lo = Math.floor(mid * 2) / 2, hi = Math.ceil(mid * 2) / 2;
  return plain(Number.isInteger(lo) ? lo : hi);
}
