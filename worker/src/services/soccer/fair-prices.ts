/**
 * Fair prices for a soccer fixture: a time-decayed Dixon–Coles fit on the competition's results strictly
 * before kickoff, one score grid, every market with fair odds — and the latest 1X2 book prices beside them
 * with the margin-free market probability and the model's expected value at each price.
 * Cached in Redis (when there is a cache tier) by fixture and the competition's latest result.
 */
import { fixtures, serialId } from '@fairline/db';
import { soccer } from '@fairline/ml';
import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { latestPrices } from '../markets/latest-prices.ts';
import { dayOf, soccerHistory } from './history.ts';
import { fitSoccerModel, priceFixture, SOCCER_MODEL } from './model.ts';

export const soccerFairPricesInput = z.object({ fixtureId: serialId });

/** Fewer finished matches than this and the ratings are mostly prior: we refuse rather than mislead. */
export const MIN_HISTORY = 30;

export interface OneXTwoQuote {
  bookmaker: string;
  capturedAt: Date;
  closing: boolean;
  prices: { home: number; draw: number; away: number };
  /** Bookmaker margin (sum of implied probabilities − 1). */
  margin: number;
  /** Margin-free probabilities (multiplicative normalisation); null when the margin is ≤ 0 (stale or arbitrage). */
  fair: { home: number; draw: number; away: number } | null;
  /** Model EV per unit staked at each price: p_model · price − 1. */
  expectedValue: { home: number; draw: number; away: number };
}

export interface SoccerFairPrices {
  fixtureId: number;
  model: { kind: 'dixon_coles'; matches: number; asOfDay: number; xi: number; shrinkage: number; homeAdvantage: number; rho: number };
  book: soccer.MarketBook;
  quotes: OneXTwoQuote[];
}

const SEL = ['home', 'draw', 'away'] as const;

interface CachedPricing {
  book: soccer.MarketBook;
  model: SoccerFairPrices['model'];
}

export async function soccerFairPrices({ ctx, input }: { ctx: Ctx; input: z.input<typeof soccerFairPricesInput> }): Promise<SoccerFairPrices> {
  const parsed = soccerFairPricesInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'fixtureId must be a positive integer');
  const { fixtureId } = parsed.data;
  const [fx] = await ctx.read.select().from(fixtures).where(eq(fixtures.id, fixtureId)).limit(1);
  if (!fx) throw notFound(`fixture ${fixtureId}`);
  if (fx.sport !== 'soccer') throw new AppError('BAD_REQUEST', `fixture ${fixtureId} is not a soccer match`);

  const [latest] = await ctx.read
    .select({ at: max(fixtures.updatedAt) })
    .from(fixtures)
    .where(and(eq(fixtures.competitionId, fx.competitionId), eq(fixtures.status, 'final')));
  const cacheKey = `fair:soccer:v1:${fixtureId}:${latest?.at?.getTime() ?? 0}`;
  // The client deserialises the JSON it stored, so what comes back is the object itself.
  const cached = ctx.cache ? await ctx.cache.get<CachedPricing>(cacheKey).catch(() => null) : null;
  let book: soccer.MarketBook;
  let modelInfo: SoccerFairPrices['model'];
  if (cached) {
    ({ book, model: modelInfo } = cached);
  } else {
    const asOfDay = dayOf(fx.kickoffAt);
    const history = await soccerHistory(ctx.read, fx.competitionId, fx.kickoffAt, SOCCER_MODEL.windowDays);
    if (history.length < MIN_HISTORY) {
      throw new AppError('UNAVAILABLE', `not enough results before this fixture to price it (${history.length} < ${MIN_HISTORY})`);
    }
    const model = fitSoccerModel(history, asOfDay);
    book = priceFixture(model, fx.homeTeamId, fx.awayTeamId, fx.neutralVenue);
    modelInfo = {
      kind: 'dixon_coles',
      matches: model.matches,
      asOfDay,
      xi: model.xi,
      shrinkage: model.shrinkage,
      homeAdvantage: model.homeAdvantage,
      rho: model.rho,
    };
    if (ctx.cache) {
      await ctx.cache.set(cacheKey, { book, model: modelInfo } satisfies CachedPricing, 600).catch((err: unknown) => {
        ctx.logger.warn('cache write failed', { key: cacheKey, error: String(err) });
      });
    }
  }

  const prices = await latestPrices(ctx.read, fixtureId, '1x2');
  const byBook = new Map<string, typeof prices>();
  for (const p of prices) byBook.set(p.bookmaker, [...(byBook.get(p.bookmaker) ?? []), p]);
  const quotes: OneXTwoQuote[] = [];
  for (const [bookmaker, ps] of byBook) {
    const get = (s: string) => ps.find((p) => p.selection === s);
    const three = SEL.map(get);
    if (three.some((p) => !p)) continue; // an incomplete book has no margin to remove
    const odds = three.map((p) => p!.price);
    const bookMargin = soccer.odds.margin(odds);
    // A non-positive margin has no vig to remove: quote the prices and EV, but no "fair" market view.
    const fair = bookMargin > 0 ? soccer.odds.removeVig(odds, 'multiplicative') : null;
    const modelP = [book.matchOdds.home.p, book.matchOdds.draw.p, book.matchOdds.away.p];
    quotes.push({
      bookmaker,
      capturedAt: three[0]!.capturedAt,
      closing: three.every((p) => p!.closing),
      prices: { home: odds[0]!, draw: odds[1]!, away: odds[2]! },
      margin: bookMargin,
      fair: fair ? { home: fair[0]!, draw: fair[1]!, away: fair[2]! } : null,
      expectedValue: {
        home: soccer.odds.expectedValue(modelP[0]!, odds[0]!),
        draw: soccer.odds.expectedValue(modelP[1]!, odds[1]!),
        away: soccer.odds.expectedValue(modelP[2]!, odds[2]!),
      },
    });
  }
  return { fixtureId, model: modelInfo, book, quotes };
}
