/**
 * A soccer fixture's 1X2 price history for the odds-movement charts: per selection, one series per book of its
 * stored prices in capture order (the feed appends a row only when a price changes, so each point is a move).
 */
import { fixtureKeys, oddsHistory, serialId } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';

/** Input of `soccer.oddsHistory`: `fixtureId`, a soccer fixture's serial id. */
export const soccerOddsHistoryInput = z.object({ fixtureId: serialId });

/** One book's prices of one selection over time. */
export interface PriceSeries {
  bookmaker: string;
  points: Array<{ at: Date; price: number }>;
}

/** What `soccer.oddsHistory` answers: series by selection (home, draw, away), each possibly empty. */
export interface SoccerOddsHistory {
  fixtureId: number;
  selections: Record<'home' | 'draw' | 'away', PriceSeries[]>;
}

/** The 1X2 price history of a soccer fixture (see the file comment). NOT_FOUND / BAD_REQUEST like soccer.fairPrices. */
export async function soccerOddsHistory({ ctx, input }: { ctx: Ctx; input: z.input<typeof soccerOddsHistoryInput> }): Promise<SoccerOddsHistory> {
  const parsed = soccerOddsHistoryInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'fixtureId must be a positive integer');
  const { fixtureId } = parsed.data;
  const fx = await fixtureKeys(ctx.read, fixtureId);
  if (!fx) throw notFound(`fixture ${fixtureId}`);
  if (fx.sport !== 'soccer') throw new AppError('BAD_REQUEST', `fixture ${fixtureId} is not a soccer match`);
  const rows = await oddsHistory(ctx.read, fixtureId, '1x2');
  const selections: SoccerOddsHistory['selections'] = { home: [], draw: [], away: [] };
  for (const r of rows) {
    if (r.selection !== 'home' && r.selection !== 'draw' && r.selection !== 'away') continue;
    const list = selections[r.selection];
    let series = list.find((s) => s.bookmaker === r.bookmaker);
    if (!series) list.push((series = { bookmaker: r.bookmaker, points: [] }));
    series.points.push({ at: r.capturedAt, price: r.price });
  }
  return { fixtureId, selections };
}
