/**
 * Cron verb: keep stored soccer predictions current. For every competition with fixtures in the next
 * `horizonDays`, take the competition's current model (model-version.ts: the active version, refitted when
 * results changed), derive 1X2, totals 2.5 and BTTS from one score grid per fixture, and store them tied to that
 * version (idempotent on the natural key). The competition's active GBDT versions (soccer_model, soccer_ensemble) add
 * their calibrated 1X2 per fixture under their own version, with the feature row they read (model_inputs, for drift
 * reports and explanations), in the same transaction. Returns the 1X2 probabilities that moved by at least `minChange` (or
 * are new, Dixon–Coles only) so the caller can push them to live rooms. The API prices a fixture's grid from the
 * version of its newest stored Dixon–Coles prediction (fair-prices.ts), so what is pushed and what is served agree.
 */
import {
  insertModelInputs,
  insertPredictions,
  latestPredictions,
  upcomingSoccerFixtures,
  type NewModelInput,
  type NewPrediction,
  type UpcomingSoccerFixture,
} from '@fairline/db';
import { pricing } from '@fairline/ml';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { gbdtMatches, soccerGbdtForecast } from './gbdt.ts';
import { MIN_HISTORY, priceFixture, SOCCER_KIND } from './model.ts';
import { currentSoccerModel } from './model-version.ts';

/** A 1X2 probability that is new or moved. */
export interface PredictionChange {
  fixtureId: number;
  selection: 'home' | 'draw' | 'away';
  probability: number;
  /** The newest stored probability before this tick (any version), null when there was none. */
  previous: number | null;
}

/** What a refresh did. */
export interface RefreshResult {
  competitions: number;
  refitted: number;
  /** Competitions left out, with why (too few results). */
  skipped: string[];
  inserted: number;
  /** Of `inserted`, the GBDT versions' 1X2 predictions. */
  gbdtInserted: number;
  changes: PredictionChange[];
}

/**
 * The refresh's options: `horizonDays`, fixtures kicking off within this many days (1–60, default 14); `minChange`,
 * the smallest absolute move of a 1X2 probability reported as a change (0–1, default 0.005).
 */
export const refreshSoccerPredictionsInput = z.object({
  /** Fixtures kicking off within this many days are predicted. */
  horizonDays: z.number().int().min(1).max(60).default(14),
  /** Smallest 1X2 move (absolute probability) reported as a change. */
  minChange: z.number().min(0).max(1).default(0.005),
});

const DAY_MS = 86_400_000;
const SELECTIONS = ['home', 'draw', 'away'] as const;

/** Predicts every upcoming soccer fixture in the horizon with its competition's current model and stores it. */
export async function refreshSoccerPredictions({ ctx, input = {} }: { ctx: Ctx; input?: z.input<typeof refreshSoccerPredictionsInput> }): Promise<RefreshResult> {
  const { horizonDays, minChange } = refreshSoccerPredictionsInput.parse(input);
  const now = ctx.clock();
  const upcoming = await upcomingSoccerFixtures(ctx.db, now, new Date(now.getTime() + horizonDays * DAY_MS));
  const byCompetition = new Map<number, UpcomingSoccerFixture[]>();
  for (const f of upcoming) byCompetition.set(f.competitionId, [...(byCompetition.get(f.competitionId) ?? []), f]);

  const result: RefreshResult = { competitions: byCompetition.size, refitted: 0, skipped: [], inserted: 0, gbdtInserted: 0, changes: [] };
  for (const [competitionId, list] of byCompetition) {
    const code = list[0]!.code;
    const mv = await currentSoccerModel(ctx, { id: competitionId, code });
    if ('tooFew' in mv) {
      result.skipped.push(`${code}: ${mv.tooFew} results (< ${MIN_HISTORY})`);
      continue;
    }
    if (mv.created) result.refitted++;

    const rows: NewPrediction[] = [];
    const fresh = new Map<number, Record<(typeof SELECTIONS)[number], number>>();
    for (const f of list) {
      const book = priceFixture(mv.model, f.homeTeamId, f.awayTeamId, f.neutral);
      const o = book.matchOdds;
      fresh.set(f.id, { home: o.home.p, draw: o.draw.p, away: o.away.p });
      const t = book.totals['2.5']!;
      const add = (market: string, selection: string, line: number | null, p: number) =>
        rows.push({ modelVersionId: mv.id, fixtureId: f.id, market, selection, line, probability: p, fairPrice: p > 0 ? pricing.fairPrice(p) : null });
      for (const s of SELECTIONS) add('1x2', s, null, o[s].p);
      add('totals', 'over', 2.5, t.over.win);
      add('totals', 'under', 2.5, t.under.win);
      add('btts', 'yes', null, book.bothTeamsToScore.yes.p);
      add('btts', 'no', null, book.bothTeamsToScore.no.p);
    }
    const gbdt = await gbdtPredictions(ctx, { id: competitionId, code }, list, mv.model);
    // The newest stored Dixon–Coles 1X2 per fixture and selection (from any earlier version), to report what moved.
    const prior = await latestPredictions(ctx.db, list.map((f) => f.id), '1x2', SOCCER_KIND);
    const last = new Map(prior.map((p) => [`${p.fixtureId}|${p.selection}`, p.probability]));
    await ctx.db.transaction(async (tx) => {
      const dc = await insertPredictions(tx, rows);
      const g = await insertPredictions(tx, gbdt.predictions);
      await insertModelInputs(tx, gbdt.inputs);
      result.inserted += dc + g;
      result.gbdtInserted += g;
    });
    for (const [fixtureId, probs] of fresh) {
      for (const selection of SELECTIONS) {
        const previous = last.get(`${fixtureId}|${selection}`) ?? null;
        if (previous === null || Math.abs(previous - probs[selection]) >= minChange) {
          result.changes.push({ fixtureId, selection, probability: probs[selection], previous });
        }
      }
    }
  }
  return result;
}

/**
 * The active GBDT versions' 1X2 of each fixture (the same forecast soccer.fairPrices answers: the served Dixon–Coles
 * fit, results before kick-off, Pinnacle's current quote) and their feature rows (FEATURE_NAMES order, null = missing).
 * Nothing when the competition has no active GBDT version.
 */
async function gbdtPredictions(
  ctx: Ctx,
  competition: { id: number; code: string },
  list: readonly UpcomingSoccerFixture[],
  dixonColes: Parameters<typeof soccerGbdtForecast>[1]['dixonColes'],
): Promise<{ predictions: NewPrediction[]; inputs: NewModelInput[] }> {
  const out: { predictions: NewPrediction[]; inputs: NewModelInput[] } = { predictions: [], inputs: [] };
  // Read once: every fixture here kicks off after now, so the results before its kick-off are those before now.
  let history: Awaited<ReturnType<typeof gbdtMatches>> | undefined;
  for (const variant of ['model', 'ensemble'] as const) {
    for (const f of list) {
      history ??= await gbdtMatches(ctx, competition.id, ctx.clock());
      const fixture = { id: f.id, homeTeamId: f.homeTeamId, awayTeamId: f.awayTeamId, kickoffAt: f.kickoffAt, neutral: f.neutral };
      const forecast = await soccerGbdtForecast(ctx, { variant, competition, fixture, dixonColes, history });
      if (!forecast) break; // no active version of this variant for the competition
      for (const s of SELECTIONS) {
        const p = forecast.probabilities[s];
        out.predictions.push({ modelVersionId: forecast.versionId, fixtureId: f.id, market: '1x2', selection: s, line: null, probability: p, fairPrice: p > 0 ? pricing.fairPrice(p) : null });
      }
      out.inputs.push({ modelVersionId: forecast.versionId, fixtureId: f.id, playerId: null, market: '1x2', features: forecast.features });
    }
  }
  return out;
}
