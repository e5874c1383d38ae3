/**
 * NFL game lines of one fixture: the stored game-lines model (model-version.ts) centred on the CONSENSUS
 * line — the median of the books' main spread and total lines (book-lines.ts) — prices every quote each book
 * offers at ITS OWN line: P(win / push / lose), fair odds, the book's margin-free probabilities and the EV per
 * unit staked (a push refunds). So an off-market alternate, or a moneyline that disagrees with the spread,
 * shows up as value. Also the fair moneyline the consensus spread implies, and any line on demand.
 */
import { currentPrices, fixtureKeys, serialId, type CurrentPrice } from '@fairline/db';
import { pricing } from '@fairline/ml';
import { gameLaws, lineOdds, marginLaw, pricesFromLaws, totalLaw, type GameLaws, type GamePrices, type LineOdds } from '@fairline/ml/nfl/game-lines/index';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { timeInference } from '../../../lib/metrics.ts';
import { bookLines, consensusLine, mainLine, REFERENCE_BOOKS, type BookLine, type LineMarket } from './book-lines.ts';
import { gameLinesVersion, type GameLinesVersion } from './model-version.ts';

/** Input of `nfl.gameLines.byFixture`: `fixtureId`, an NFL fixture's serial id (a positive 32-bit integer). */
export const nflGameLinesInput = z.object({ fixtureId: serialId });

/** The largest |home handicap| (points) the pricer accepts (NFL lines live far inside it and MAX_TOTAL). */
export const MAX_SPREAD = 60;
/** The largest game total (points) the pricer accepts: a total is above 0 and at most this. */
export const MAX_TOTAL = 150;

const halfPoints = (x: number) => Number.isInteger(x * 2);
/**
 * Input of `nfl.gameLines.priceLine`: `fixtureId` (serial id), `market` (`spread` or `total`) and `line` in whole or
 * half points — a spread is the HOME handicap (−3 = home favoured by 3) within ±MAX_SPREAD, a total is above 0 and at
 * most MAX_TOTAL.
 */
export const nflPriceGameLineInput = z
  .object({
    fixtureId: serialId,
    market: z.enum(['spread', 'total']),
    /** Spread: the HOME handicap (−3 = home favoured by 3). Total: the points total. Whole or half points. */
    line: z.number().finite().refine(halfPoints, 'a line is a whole or half number (e.g. -3 or 44.5)'),
  })
  .superRefine((i, c) => {
    if (i.market === 'spread' && Math.abs(i.line) > MAX_SPREAD) c.addIssue({ code: 'custom', path: ['line'], message: `a spread is between −${MAX_SPREAD} and ${MAX_SPREAD}` });
    if (i.market === 'total' && !(i.line > 0 && i.line <= MAX_TOTAL)) c.addIssue({ code: 'custom', path: ['line'], message: `a total is above 0 and at most ${MAX_TOTAL}` });
  });

export interface ModelInfo {
  id: number;
  version: number;
  status: string;
  simulated: boolean;
  trainSeasons: number[];
  trainGames: number;
  marginSigma: number;
  totalSigma: number;
}

export interface Consensus {
  /** Home handicap (spread) or total. */
  line: number;
  /** The same spread as a home MARGIN line (+3 = home favoured by 3), the model's convention. */
  marginLine?: number;
  /** Books whose main line entered the median. */
  books: number;
  mainLines: Array<{ bookmaker: string; line: number }>;
}

/** One side of a quote. `model` is null when the market has no consensus to centre the law on. */
export interface GameLineSide {
  selection: 'home' | 'away' | 'over' | 'under';
  price: number | null;
  model: { win: number; push: number; lose: number; fairPrice: number } | null;
  /** p_win·(price − 1) − p_lose; null without a price or a model. */
  expectedValue: number | null;
}

export interface GameLineQuote {
  bookmaker: string;
  market: LineMarket;
  /** Home handicap (spread), the total (total), null (moneyline). */
  line: number | null;
  /** The book's main line in this market (alternates are false; a moneyline is always main). */
  main: boolean;
  /** A reference line (the nflverse schedule's), not a book one can bet at: never a value bet. */
  reference: boolean;
  capturedAt: Date;
  /** Sum of implied probabilities − 1 (both sides quoted), else null. */
  margin: number | null;
  /** The book's margin-free P(first side), P(second side) (multiplicative); null without a positive margin. */
  fair: [number, number] | null;
  sides: [GameLineSide, GameLineSide];
}

export interface NflGameLines {
  fixtureId: number;
  model: ModelInfo;
  /** How the law is centred. */
  method: string;
  consensus: { spread: Consensus | null; total: Consensus | null };
  /** priceGame at the consensus margin line and total (null parts where a market has no consensus). */
  prices: {
    homeCover: LineOdds | null;
    gameTotal: LineOdds | null;
    /** The fair moneyline the consensus spread implies (tie voided in the fair odds). */
    moneyline: GamePrices['moneyline'];
    expectedMargin: number | null;
    expectedTotal: number | null;
  };
  quotes: GameLineQuote[];
}

const METHOD = 'median of the books’ main lines (two prices closest to even); the margin and total laws are centred so that line is their median';

async function nflFixture(ctx: Ctx, fixtureId: number) {
  const fx = await fixtureKeys(ctx.read, fixtureId);
  if (!fx) throw notFound(`fixture ${fixtureId}`);
  if (fx.sport !== 'nfl') throw new AppError('BAD_REQUEST', `fixture ${fixtureId} is not an NFL game (game lines are NFL only)`);
}

async function usableModel(ctx: Ctx): Promise<GameLinesVersion> {
  const v = await gameLinesVersion(ctx);
  if (!v) throw new AppError('UNAVAILABLE', 'no usable game-lines model version (train one with `fairline train game-lines`)');
  return v;
}

function modelInfo(v: GameLinesVersion): ModelInfo {
  return {
    id: v.id, version: v.version, status: v.status, simulated: v.simulated, trainSeasons: v.model.trainSeasons, trainGames: v.model.games,
    marginSigma: v.model.marginSigma, totalSigma: v.model.totalSigma,
  };
}

function consensusOf(lines: readonly BookLine[], market: 'spread' | 'total'): Consensus | null {
  const quoting = [...new Set(lines.filter((q) => q.market === market).map((q) => q.bookmaker))];
  // Real books decide the consensus; a reference line (REFERENCE_BOOKS) only when no book quotes the market.
  const real = quoting.filter((b) => !REFERENCE_BOOKS.has(b));
  const books = real.length > 0 ? real : quoting;
  const mainLines = books
    .map((b) => ({ bookmaker: b, main: mainLine(lines.filter((q) => q.market === market && q.bookmaker === b)) }))
    .filter((m): m is { bookmaker: string; main: BookLine } => m.main !== null)
    .map((m) => ({ bookmaker: m.bookmaker, line: m.main.line! }));
  const line = consensusLine(mainLines.map((m) => m.line));
  if (line === null) return null;
  return { line, ...(market === 'spread' ? { marginLine: pricing.flipHandicap(line) } : {}), books: mainLines.length, mainLines };
}

/** A side priced: the model's win/push/lose for the bettor of that side, fair odds (push refunds) and EV. */
function side(selection: GameLineSide['selection'], p: CurrentPrice | undefined, win: number, push: number, lose: number, priced: boolean): GameLineSide {
  const price = p?.price ?? null;
  if (!priced) return { selection, price, model: null, expectedValue: null };
  return {
    selection, price,
    model: { win, push, lose, fairPrice: pricing.fairPrice(win, lose) },
    expectedValue: price === null ? null : pricing.expectedValueWithPush(win, lose, price),
  };
}

function quoteOf(q: BookLine, main: boolean, laws: GameLaws): GameLineQuote {
  const { margin, fair } = pricing.priceTwoWay(q.first?.price, q.second?.price);
  const at = [q.first, q.second].filter((p): p is CurrentPrice => !!p).map((p) => p.capturedAt.getTime());
  let sides: [GameLineSide, GameLineSide];
  if (q.market === 'total') {
    const o = laws.total ? lineOdds(laws.total, q.line!) : null;
    sides = [side('over', q.first, o?.over ?? 0, o?.push ?? 0, o?.under ?? 0, !!o), side('under', q.second, o?.under ?? 0, o?.push ?? 0, o?.over ?? 0, !!o)];
  } else {
    // Home at handicap h covers when margin > −h; the moneyline is handicap 0 (a tie is voided: push).
    const o = laws.margin ? lineOdds(laws.margin, pricing.flipHandicap(q.line ?? 0)) : null;
    sides = [side('home', q.first, o?.over ?? 0, o?.push ?? 0, o?.under ?? 0, !!o), side('away', q.second, o?.under ?? 0, o?.push ?? 0, o?.over ?? 0, !!o)];
  }
  return { bookmaker: q.bookmaker, market: q.market, line: q.line, main, reference: REFERENCE_BOOKS.has(q.bookmaker), capturedAt: new Date(Math.max(...at)), margin, fair, sides };
}

/**
 * Every spread, total and moneyline quote of one NFL fixture priced by the active game-lines model centred on the
 * consensus lines (see the file comment), with the consensus and the fair moneyline it implies. BAD_REQUEST for a bad
 * id or a fixture that is not NFL, NOT_FOUND for an unknown one, UNAVAILABLE without a usable model or without any
 * quote.
 */
export async function nflGameLines(args: { ctx: Ctx; input: z.input<typeof nflGameLinesInput> }): Promise<NflGameLines> {
  return timeInference('nfl_game_lines', () => nflGameLinesOf(args));
}

async function nflGameLinesOf({ ctx, input }: { ctx: Ctx; input: z.input<typeof nflGameLinesInput> }): Promise<NflGameLines> {
  const parsed = nflGameLinesInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid game-lines query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { fixtureId } = parsed.data;
  await nflFixture(ctx, fixtureId);
  const r = await priceFixtureGameLines(ctx, fixtureId, await usableModel(ctx));
  if (!r) throw new AppError('UNAVAILABLE', `no spread, total or moneyline is quoted for fixture ${fixtureId}`);
  return r;
}

/**
 * A known NFL fixture's quotes priced by model version `v`; null when no book quotes it. The value finder calls
 * this once per upcoming game with the version it looked up once.
 */
export async function priceFixtureGameLines(ctx: Ctx, fixtureId: number, v: GameLinesVersion): Promise<NflGameLines | null> {
  const lines = bookLines(await currentPrices(ctx.read, fixtureId, ['spread', 'game_total', 'moneyline']));
  if (lines.length === 0) return null;
  const spread = consensusOf(lines, 'spread');
  const total = consensusOf(lines, 'total');
  const marginLine = spread ? spread.marginLine! : NaN, totalLine = total ? total.line : NaN;
  const laws = gameLaws(v.model, marginLine, totalLine);
  const g = pricesFromLaws(laws, marginLine, totalLine);
  const mains = new Set<BookLine>();
  for (const [market, c] of [['spread', spread], ['total', total]] as const) {
    for (const m of c?.mainLines ?? []) {
      const q = lines.find((x) => x.market === market && x.bookmaker === m.bookmaker && x.line === m.line);
      if (q) mains.add(q);
    }
  }
  return {
    fixtureId,
    model: modelInfo(v),
    method: METHOD,
    consensus: { spread, total },
    prices: {
      homeCover: g.homeCover, gameTotal: g.gameTotal, moneyline: g.moneyline,
      expectedMargin: Number.isFinite(g.expectedMargin) ? g.expectedMargin : null,
      expectedTotal: Number.isFinite(g.expectedTotal) ? g.expectedTotal : null,
    },
    quotes: lines.map((q) => quoteOf(q, q.market === 'moneyline' || mains.has(q), laws)),
  };
}

export interface PricedGameLine {
  fixtureId: number;
  market: 'spread' | 'total';
  /** As asked: home handicap (spread) or total. */
  line: number;
  /** The consensus line the law is centred on (same convention). */
  consensus: number;
  model: ModelInfo;
  /** home/away (spread) or over/under (total): P(win), and fair odds with a push refunded. */
  sides: [{ selection: 'home' | 'over'; probability: number; fairPrice: number }, { selection: 'away' | 'under'; probability: number; fairPrice: number }];
  push: number;
}

/**
 * One spread or total of an NFL fixture priced at any line the caller asks: P(win) and fair decimal odds of each side
 * (a push refunds the stake) and P(push), under the active game-lines model centred on that market's consensus line.
 * UNAVAILABLE without a usable model or without a quoted line of that market to centre on.
 */
export async function nflPriceGameLine(args: { ctx: Ctx; input: z.input<typeof nflPriceGameLineInput> }): Promise<PricedGameLine> {
  return timeInference('nfl_game_lines', () => nflPriceGameLineOf(args));
}

async function nflPriceGameLineOf({ ctx, input }: { ctx: Ctx; input: z.input<typeof nflPriceGameLineInput> }): Promise<PricedGameLine> {
  const parsed = nflPriceGameLineInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `invalid line query: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  const { fixtureId, market, line } = parsed.data;
  await nflFixture(ctx, fixtureId);
  const [v, prices] = await Promise.all([usableModel(ctx), currentPrices(ctx.read, fixtureId, [market === 'spread' ? 'spread' : 'game_total'])]);
  const c = consensusOf(bookLines(prices), market);
  if (!c) throw new AppError('UNAVAILABLE', `no ${market === 'spread' ? 'spread' : 'total'} is quoted for fixture ${fixtureId}, so there is no line to centre the model on`);
  const o = market === 'spread' ? lineOdds(marginLaw(v.model, c.marginLine!), pricing.flipHandicap(line)) : lineOdds(totalLaw(v.model, c.line), line);
  return {
    fixtureId, market, line, consensus: c.line, model: modelInfo(v),
    sides: market === 'spread'
      ? [{ selection: 'home', probability: o.over, fairPrice: o.fairPrice.over }, { selection: 'away', probability: o.under, fairPrice: o.fairPrice.under }]
      : [{ selection: 'over', probability: o.over, fairPrice: o.fairPrice.over }, { selection: 'under', probability: o.under, fairPrice: o.fairPrice.under }],
    push: o.push,
  };
}
