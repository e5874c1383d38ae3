/**
 * The value finder for soccer: across the upcoming matches, every book's current price of 1X2, totals (quarter lines
 * too), Asian handicap, both teams to score and draw-no-bet whose expected value under the match's one model answer
 * is at least `minEdge` per unit staked, best first. Built on `soccerFairPrices` (the same model choice, grid and
 * priced quotes as the match page), so the two can never disagree. A match the model cannot price yet (too little
 * history) is skipped, not an error.
 */
import { modelVersionMeta } from '@fairline/db';
import type { pricing } from '@fairline/ml';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { bestBets, gameOf, inChunks, MAX_FIXTURES, parseValueQuery, upcomingFixtures, valueWindow, type ValueBetCommon, type ValueBets } from '../value/window.ts';
import { SOCCER_QUOTED_MARKETS, type SoccerQuotedMarket } from './book-markets.ts';
import { soccerFairPrices, type SoccerFairPrices } from './fair-prices.ts';

/**
 * Input of `soccer.valueBets`: the value window (services/value/window.ts: `minEdge` 0–10 EV per unit staked, default
 * 0.02; `days` 1–14, default 7; `limit` 1–500 rows, default 100) and optionally `markets`, a non-empty list of the
 * quoted soccer markets (1x2, totals, asian_handicap, btts, draw_no_bet).
 */
export const soccerValueBetsInput = valueWindow.extend({
  markets: z.array(z.enum(SOCCER_QUOTED_MARKETS)).min(1).optional(),
});

export interface SoccerValueBet extends ValueBetCommon {
  market: SoccerQuotedMarket;
  /** Totals: the goal line; Asian handicap: the HOME handicap (bets' convention); otherwise null. */
  line: number | null;
  selection: string;
  /** The model's settlement probabilities at this line and its zero-EV price. */
  model: pricing.SettlementProbabilities & { fairPrice: number };
  /** The book's margin on this market and line (null when it lacks a side). */
  margin: number | null;
}

/** `fixtures`: upcoming matches the model priced. */
export type SoccerValueBets = ValueBets<SoccerValueBet>;

/** Soccer prices with model EV ≥ `minEdge`, best first (see the file comment). */
export async function soccerValueBets({ ctx, input }: { ctx: Ctx; input: z.input<typeof soccerValueBetsInput> }): Promise<SoccerValueBets> {
  const { minEdge, days, limit, markets } = parseValueQuery(soccerValueBetsInput, input);
  const now = ctx.clock();
  const games = (await upcomingFixtures(ctx, 'soccer', days)).slice(0, MAX_FIXTURES);
  const priced = await inChunks(games, 4, async (f): Promise<SoccerFairPrices | null> => {
    try {
      return await soccerFairPrices({ ctx, input: { fixtureId: f.id } });
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_AVAILABLE') return null; // too little history: nothing to price
      throw err;
    }
  });
  const versions = new Map<number, Awaited<ReturnType<typeof modelVersionMeta>>>();
  for (const r of priced) {
    const id = r?.model.versionId;
    if (id != null && !versions.has(id)) versions.set(id, await modelVersionMeta(ctx.read, id));
  }
  const bets: SoccerValueBet[] = [];
  let searched = 0;
  games.forEach((f, g) => {
    const r = priced[g];
    if (!r) return;
    searched++;
    const meta = r.model.versionId === null ? null : versions.get(r.model.versionId) ?? null;
    const modelVersion = {
      id: r.model.versionId ?? 0, version: r.model.version ?? 0, status: meta?.status ?? 'one-off',
      // A model fitted on a simulated league is a demo model whatever its config says.
      simulated: f.simulated || (meta?.simulated ?? false),
    };
    for (const q of r.markets) {
      if (markets && !markets.includes(q.market)) continue;
      for (const s of q.selections) {
        if (!(s.expectedValue >= minEdge)) continue;
        bets.push({
          ...gameOf(f), bookmaker: q.bookmaker, price: s.price, capturedAt: q.capturedAt, expectedValue: s.expectedValue, bookFair: s.bookFair,
          modelVersion, market: q.market, line: q.line, selection: s.selection, model: { ...s.model, fairPrice: s.fairPrice }, margin: q.margin,
        });
      }
    }
  });
  const order = (b: SoccerValueBet) => `${SOCCER_QUOTED_MARKETS.indexOf(b.market)}|${b.line}|${b.selection}|${b.bookmaker}`;
  return { asOf: now, fixtures: searched, bets: bestBets(bets, limit, (a, b) => order(a).localeCompare(order(b))) };
}
