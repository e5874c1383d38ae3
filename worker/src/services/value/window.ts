/**
 * What the value finders share: the query window (an edge, a horizon in days, a row limit) and the upcoming
 * NFL games inside it. A value finder lists every price whose model EV per unit staked is at least the edge.
 */
import { listFixtures, type FixtureRow } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';

const DAY_MS = 86_400_000;
/** Games priced per request at most (a full NFL week is 16). */
export const MAX_FIXTURES = 48;

/**
 * The value finders' query: `minEdge`, the least EV per unit staked (0–10, default 0.02 = +2 %); `days`, the horizon
 * from now (1–14, default 7); `limit`, rows returned (1–500, default 100).
 */
export const valueWindow = z.object({
  /** Minimum expected value per unit staked (0.03 = +3 %; long odds can exceed +100 %). */
  minEdge: z.number().finite().min(0).max(10).default(0.02),
  /** Games kicking off within this many days from now. */
  days: z.number().int().min(1).max(14).default(7),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Scheduled games of `sport` kicking off in [now, now + days), in kickoff order (callers keep MAX_FIXTURES). */
export async function upcomingFixtures(ctx: Ctx, sport: 'nfl' | 'soccer', days: number): Promise<FixtureRow[]> {
  const now = ctx.clock();
  return listFixtures(ctx.read, { sport, status: 'scheduled', from: now, to: new Date(now.getTime() + days * DAY_MS), limit: 500 });
}

/** Scheduled NFL games kicking off in [now, now + days), in kickoff order. */
export const upcomingNflFixtures = (ctx: Ctx, days: number): Promise<FixtureRow[]> => upcomingFixtures(ctx, 'nfl', days);

/** Runs `f` over `items` with at most `n` calls in flight (each call is a few queries on the read pool). */
export async function inChunks<T, R>(items: readonly T[], n: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let k = 0; k < items.length; k += n) out.push(...(await Promise.all(items.slice(k, k + n).map(f))));
  return out;
}

/** Parses a value finder's query, answering BAD_REQUEST with the first issue. */
export function parseValueQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid value query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** What every value bet says about where and when, and what the price is worth. */
export interface ValueBetCommon {
  fixtureId: number;
  kickoffAt: Date;
  homeTeam: string;
  awayTeam: string;
  bookmaker: string;
  price: number;
  capturedAt: Date;
  expectedValue: number;
  /** The book's margin-free probability of this side (both sides quoted), else null. */
  bookFair: number | null;
  modelVersion: { id: number; version: number; status: string; simulated: boolean };
}

export interface ValueBets<T extends ValueBetCommon> {
  asOf: Date;
  /** Upcoming games searched. */
  fixtures: number;
  bets: T[];
}

/** The game a bet belongs to. */
export const gameOf = (f: FixtureRow) => ({ fixtureId: f.id, kickoffAt: f.kickoffAt, homeTeam: f.homeTeam, awayTeam: f.awayTeam });

/** Best first (EV, then kickoff, then game, then `tieBreak`), at most `limit`. */
export function bestBets<T extends ValueBetCommon>(bets: T[], limit: number, tieBreak: (a: T, b: T) => number): T[] {
  return bets
    .sort((a, b) => b.expectedValue - a.expectedValue || a.kickoffAt.getTime() - b.kickoffAt.getTime() || a.fixtureId - b.fixtureId || tieBreak(a, b))
    .slice(0, limit);
}
