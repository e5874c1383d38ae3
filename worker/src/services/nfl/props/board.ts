/**
 * The props board (odds screen): the slate's NFL player props — every upcoming game with projections — one row per
 * player, market and line, with every book's over and under price at that line, the best price of each side across
 * books, and the model's view (projection, P(over/under/push), fair prices, EV of each price). Books quoting another
 * line of the same player's market make another row: prices are only comparable at one line.
 * Built on `propsOfFixture` (the same projections, active model versions and current quotes as a game's props panel
 * and the value finder), so the three can never disagree.
 */
import { fixturesWithActiveProjections } from '@fairline/db';
import { ALL_MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import type { LinePrice } from '@fairline/ml/nfl/props/price';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { gameOf, inChunks, MAX_FIXTURES, parseValueQuery, upcomingNflFixtures } from '../../value/window.ts';
import { propsOfFixture } from './fixture-props.ts';

/**
 * Input of `nfl.props.board`: `days`, the horizon (1–14, default 7) and optionally `markets`, a non-empty list of
 * prop markets (ALL_MARKETS). Filtering by book, edge and sorting are the caller's (every book's prices are answered).
 */
export const propsBoardInput = z.object({
  days: z.number().int().min(1).max(14).default(7),
  markets: z.array(z.enum(ALL_MARKETS as unknown as [MarketName, ...MarketName[]])).min(1).optional(),
});

/** One side's price at a book, with the model's EV per unit staked (a push refunds). */
export interface BoardPrice {
  bookmaker: string;
  price: number;
  expectedValue: number;
}

/** One book's prices at the row's line. */
export interface BoardBook {
  bookmaker: string;
  over: BoardPrice | null;
  under: BoardPrice | null;
  /** Sum of implied probabilities − 1 (both sides quoted), else null. */
  margin: number | null;
  capturedAt: Date;
}

/** A player's market at one line across books. */
export interface BoardRow {
  fixtureId: number;
  kickoffAt: Date;
  homeTeam: string;
  awayTeam: string;
  playerId: number;
  player: string;
  position: string | null;
  team: string | null;
  market: MarketName;
  line: number;
  /** The projection's mean and median. */
  mean: number;
  median: number;
  /** The model at this line. */
  model: LinePrice;
  books: BoardBook[];
  /** The highest over and under price across books (ties: the first book by name). */
  bestOver: BoardPrice | null;
  bestUnder: BoardPrice | null;
  /** The larger EV of the two best prices: the row's edge. */
  edge: number | null;
  modelVersion: { id: number; version: number; status: string; simulated: boolean };
}

export interface PropsBoard {
  asOf: Date;
  /** Upcoming games with projections searched. */
  fixtures: number;
  /** Every book on the board, by name. */
  bookmakers: string[];
  rows: BoardRow[];
}

/** The highest price of a side (ties keep the first: books come sorted by name). */
function best(prices: readonly (BoardPrice | null)[]): BoardPrice | null {
  let top: BoardPrice | null = null;
  for (const p of prices) if (p && (!top || p.price > top.price)) top = p;
  return top;
}

/** The slate's props board (see the file comment), in kickoff order, then game, market, projection. */
export async function propsBoard({ ctx, input }: { ctx: Ctx; input: z.input<typeof propsBoardInput> }): Promise<PropsBoard> {
  const { days, markets } = parseValueQuery(propsBoardInput, input);
  const now = ctx.clock();
  const upcoming = await upcomingNflFixtures(ctx, days);
  const withProjections = await fixturesWithActiveProjections(ctx.read, upcoming.map((f) => f.id));
  const games = upcoming.filter((f) => withProjections.has(f.id)).slice(0, MAX_FIXTURES);
  const props = await inChunks(games, 4, (f) => propsOfFixture(ctx, f.id, markets));

  const rows: BoardRow[] = [];
  const books = new Set<string>();
  games.forEach((f, g) => {
    for (const p of props[g]!.players) {
      for (const m of p.markets) {
        const byLine = new Map<number, typeof m.quotes>();
        for (const q of m.quotes) byLine.set(q.line, [...(byLine.get(q.line) ?? []), q]);
        for (const [line, quotes] of [...byLine].sort((a, b) => a[0] - b[0])) {
          const bookRows: BoardBook[] = quotes.map((q) => {
            books.add(q.bookmaker);
            const side = (s: 'over' | 'under') => (q[s] ? { bookmaker: q.bookmaker, price: q[s].price, expectedValue: q[s].expectedValue } : null);
            return { bookmaker: q.bookmaker, over: side('over'), under: side('under'), margin: q.margin, capturedAt: q.capturedAt };
          });
          const bestOver = best(bookRows.map((b) => b.over));
          const bestUnder = best(bookRows.map((b) => b.under));
          const evs = [bestOver?.expectedValue, bestUnder?.expectedValue].filter((e): e is number => e !== undefined);
          rows.push({
            ...gameOf(f), playerId: p.playerId, player: p.name, position: p.position, team: p.team, market: m.market, line,
            mean: m.mean, median: m.median, model: quotes[0]!.model, books: bookRows, bestOver, bestUnder,
            edge: evs.length > 0 ? Math.max(...evs) : null, modelVersion: m.modelVersion,
          });
        }
      }
    }
  });
  return { asOf: now, fixtures: games.length, bookmakers: [...books].sort(), rows };
}
