/**
 * A bet's closing line, chosen from every book's closing prices of its market (db `closingPrices`): the closing quote of
 * the bet's OWN book, else of the sharpest book quoting the market (SHARP_BOOKS, Pinnacle first), else the consensus of
 * the books that quote it. A book's quote is the whole market at the bet's line — 1X2's three prices, both sides of a
 * total or handicap (each side at its own stored line), both sides of a prop, every correct score the book lists — made
 * margin-free by the multiplicative method (ml's fairClosingPrices); a book missing a side has no fair reading and is
 * passed over. The consensus' fair probability is the mean of the books' fair probabilities, its closing price the
 * price of their mean implied probability.
 *
 *   CLV = price taken ÷ fair closing price − 1      (ml's closingLineValue)
 */
import type { ClosingPriceRow, ClosingSource, Market } from '@fairline/db';
import { portfolio, pricing } from '@fairline/ml';

/** The books whose closing line is the market's best estimate, sharpest first (used when the bet's own book has none). */
export const SHARP_BOOKS: readonly string[] = ['pinnacle', 'circasports'];
/** Aggregates and reference lines, never a book of the consensus; `market_avg` stands in only when no real book quotes. */
const NOT_BOOKS: ReadonlySet<string> = new Set(['market_avg', 'market_max', 'nflverse_lines']);
const AVERAGE = 'market_avg';

/** What the choice needs of a bet: its market, selection and line (engine convention), its book and price. */
export interface ClosingBet {
  market: Market;
  selection: string;
  line: number | null;
  bookmakerId: number | null;
  priceTaken: number;
}

/** A bet's closing line. */
export interface ChosenClosing {
  closingPrice: number;
  closingSource: ClosingSource;
  /** The book quoted (own or sharpest); for a consensus of several books, null. */
  closingBookmakerId: number | null;
  fairClosingProbability: number;
  clv: number;
}

interface Side {
  selection: string;
  /** Null: any line (yes/no props, markets without one). */
  line: number | null;
}

/** The sides making up the bet's market at its line, the bet's side first. Correct score: null (every score listed). */
function sidesOf(b: ClosingBet): Side[] | null {
  const line = b.line;
  switch (b.market) {
    case '1x2':
      return [b.selection, ...['home', 'draw', 'away'].filter((s) => s !== b.selection)].map((selection) => ({ selection, line: null }));
    case 'btts':
      return [{ selection: b.selection, line: null }, { selection: b.selection === 'yes' ? 'no' : 'yes', line: null }];
    case 'draw_no_bet':
    case 'moneyline':
      return [{ selection: b.selection, line: null }, { selection: b.selection === 'home' ? 'away' : 'home', line: null }];
    case 'asian_handicap':
    case 'spread': {
      // Odds rows carry each side's own handicap: home at the home handicap, away at its flip.
      const own = (s: string) => ({ selection: s, line: s === 'away' ? pricing.flipHandicap(line!) : line });
      return [own(b.selection), own(b.selection === 'home' ? 'away' : 'home')];
    }
    case 'player_prop':
      if (b.selection === 'yes' || b.selection === 'no') return [{ selection: b.selection, line: null }, { selection: b.selection === 'yes' ? 'no' : 'yes', line: null }];
      return [{ selection: b.selection, line }, { selection: b.selection === 'over' ? 'under' : 'over', line }];
    case 'totals':
    case 'game_total':
      return [{ selection: b.selection, line }, { selection: b.selection === 'over' ? 'under' : 'over', line }];
    case 'correct_score':
      return null;
  }
}

const sameLine = (want: number | null, got: number | null) => want === null || (got !== null && Math.abs(want - got) < 1e-6);

/** One book's quote of the bet's market: the bet's side's price and its fair probability, or null without a fair reading. */
function bookQuote(b: ClosingBet, rows: readonly ClosingPriceRow[]): { price: number; fair: number } | null {
  const sides = sidesOf(b);
  let prices: (number | undefined)[];
  if (sides === null) {
    const own = rows.find((r) => r.selection === b.selection);
    prices = own ? [own.price, ...rows.filter((r) => r !== own).map((r) => r.price)] : [undefined];
  } else {
    prices = sides.map((s) => rows.find((r) => r.selection === s.selection && sameLine(s.line, r.line))?.price);
  }
  if (prices[0] === undefined) return null;
  const fair = portfolio.fairClosingPrices(prices);
  return fair ? { price: prices[0], fair: 1 / fair[0]! } : null;
}

/** The closing line of bet `b` from `prices`, every book's closing prices of its market (see the file comment); null when none. */
export function chooseClosing(b: ClosingBet, prices: readonly ClosingPriceRow[]): ChosenClosing | null {
  const byBook = new Map<string, ClosingPriceRow[]>();
  for (const p of prices) byBook.set(p.bookmaker, [...(byBook.get(p.bookmaker) ?? []), p]);
  const idOf = (book: string) => byBook.get(book)![0]!.bookmakerId;
  const result = (q: { price: number; fair: number }, source: ClosingSource, bookmakerId: number | null): ChosenClosing => ({
    closingPrice: q.price, closingSource: source, closingBookmakerId: bookmakerId, fairClosingProbability: q.fair,
    clv: portfolio.closingLineValue(b.priceTaken, 1 / q.fair),
  });

  const own = [...byBook.keys()].find((k) => idOf(k) === b.bookmakerId);
  const ownQuote = own ? bookQuote(b, byBook.get(own)!) : null;
  if (own && ownQuote) return result(ownQuote, 'own_book', idOf(own));
  for (const sharp of SHARP_BOOKS) {
    const q = byBook.has(sharp) ? bookQuote(b, byBook.get(sharp)!) : null;
    if (q) return result(q, 'sharpest', idOf(sharp));
  }
  const quoteOf = (books: string[]) => books.map((k) => ({ k, q: bookQuote(b, byBook.get(k)!) })).filter((x): x is { k: string; q: { price: number; fair: number } } => x.q !== null);
  let quotes = quoteOf([...byBook.keys()].filter((k) => !NOT_BOOKS.has(k)));
  if (quotes.length === 0) quotes = quoteOf(byBook.has(AVERAGE) ? [AVERAGE] : []);
  if (quotes.length === 0) return null;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const fair = mean(quotes.map((x) => x.q.fair));
  const price = Math.round((1 / mean(quotes.map((x) => 1 / x.q.price))) * 1e6) / 1e6;
  return result({ price, fair }, 'consensus', quotes.length === 1 ? idOf(quotes[0]!.k) : null);
}
