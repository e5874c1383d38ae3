/**
 * Retraining soccer Dixon–Coles, one competition at a time, from the database's finished results. The candidate is
 * the served procedure (model.ts's hyperparameters unless overridden) fitted on every result before now; its gate
 * score is the walk-forward RPS of that procedure over the competition's latest GATE_POLICY window matches (refitted
 * weekly, each match predicted from results strictly before it). The active version's procedure — its stored
 * hyperparameters — is scored on the same matches.
 */
import { soccerCompetitionsWithResults, soccerResultsBefore, soccerResultsStamp, type ModelVersionMeta } from '@fairline/db';
import { soccer } from '@fairline/ml';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { dayOf, MIN_HISTORY, SOCCER_KIND, SOCCER_MODEL, soccerScope } from '../../soccer/model.ts';
import { GATE_POLICY } from '../gate-policy.ts';
import type { KindTrainer, TrainedCandidate, TrainSkip } from './types.ts';

const DAY_MS = 86_400_000;
/** Refit cadence of the gate's walk-forward: weekly, a matchday's worth of results at a time. */
const REFIT_DAYS = 7;

/** The procedure's hyperparameters as stored in a version's config (older versions carry the same keys). */
const hyperparameters = z.object({
  xi: z.number().positive(),
  windowDays: z.number().int().positive(),
  shrinkage: z.number().min(0),
  newcomer: z.object({ attack: z.number(), defence: z.number() }),
});
type Hyper = z.infer<typeof hyperparameters>;

/** Walk-forward RPS of procedure `hp` over `test`, learning from `history` first (ml's backtestSoccer). */
export function walkForwardRps(history: readonly soccer.BacktestMatch[], test: readonly soccer.BacktestMatch[], hp: Hyper): { rps: number; logLoss: number; brier: number } {
  const r = soccer.backtestSoccer(history, test, { xi: hp.xi, windowDays: hp.windowDays, shrinkage: hp.shrinkage, newcomer: hp.newcomer, refitDays: REFIT_DAYS });
  return r.modelAll;
}

/**
 * The Dixon–Coles candidate of one competition at the context's clock (hyperparameters model.ts's unless `config`
 * overrides): the fit the hourly refresh serves and the daily retraining files, with its walk-forward RPS.
 */
export async function trainSoccerDc(ctx: Pick<Ctx, 'read' | 'clock'>, competition: { id: number; code: string }, config?: Record<string, unknown>): Promise<TrainedCandidate | TrainSkip> {
  const now = ctx.clock();
  const competitionId = competition.id;
  const scope = soccerScope(competition.code);
  const hp = hyperparameters.parse({ ...SOCCER_MODEL, ...config });
  const dataStamp = await soccerResultsStamp(ctx.read, competitionId, now);
  const policy = GATE_POLICY[SOCCER_KIND];
  // Enough history for the window's first walk-forward fit to see a full training window.
  const rows = await soccerResultsBefore(ctx.read, competitionId, now, hp.windowDays * 2 + 365);
  const since = now.getTime() - hp.windowDays * DAY_MS;
  // The served fit's window (model.ts soccerHistory): kick-off within windowDays of now, so a default refit is the same artifact.
  // In a fixed order (day, then teams): Postgres returns rows in no particular order, and a fit's floating-point sums
  // follow the input order — the same data must give the same artifact (a re-run is then the version on file).
  const byDay = (a: soccer.SoccerMatch, b: soccer.SoccerMatch) => a.day - b.day || Number(a.home) - Number(b.home) || Number(a.away) - Number(b.away);
  const inWindow: soccer.SoccerMatch[] = rows
    .filter((r) => r.kickoffAt.getTime() >= since)
    .map((r) => ({ home: String(r.homeTeamId), away: String(r.awayTeamId), homeGoals: r.homeGoals, awayGoals: r.awayGoals, day: dayOf(r.kickoffAt), neutral: r.neutral }))
    .sort(byDay);
  const matches: soccer.BacktestMatch[] = rows
    .map((r) => ({ home: String(r.homeTeamId), away: String(r.awayTeamId), homeGoals: r.homeGoals, awayGoals: r.awayGoals, day: dayOf(r.kickoffAt), neutral: r.neutral }))
    .sort(byDay);
  const asOfDay = dayOf(now) + 1;
  if (inWindow.length < MIN_HISTORY) return { skip: 'too-few', detail: `${inWindow.length} results in the window (< ${MIN_HISTORY})`, count: inWindow.length };
  // The latest `window` matches, at most a third of what there is (the fits before them need history too).
  const n = Math.min(policy.window, Math.floor(matches.length / 3));
  const history = matches.slice(0, matches.length - n);
  const test = matches.slice(matches.length - n);
  // A walk-forward fit can fail on thin data (an early fit's ρ infeasible for a later fixture's rates): the candidate
  // then has no score, and the gate says so (it goes live only where nothing is active).
  let scores: { rps: number; logLoss: number; brier: number };
  let failure: string | null = null;
  try {
    scores = walkForwardRps(history, test, hp);
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
    scores = { rps: Number.NaN, logLoss: Number.NaN, brier: Number.NaN };
  }
  const model = soccer.fitDixonColes(inWindow, {
    xi: hp.xi, windowDays: hp.windowDays, shrinkage: hp.shrinkage, priors: soccer.newcomerPriors(inWindow, asOfDay, hp.windowDays, hp.newcomer), asOfDay,
  });
  const windowEnd = new Date(test.at(-1)!.day * DAY_MS).getTime();
  const scoreActive = async (active: ModelVersionMeta): Promise<number | { note: string; sameProcedure?: boolean }> => {
    if (active.simulated) return { note: 'the active version is a demo model' };
    const stored = hyperparameters.safeParse(active.config);
    if (!stored.success) return { note: 'the active version has no Dixon–Coles hyperparameters' };
    const same = (Object.keys(hp) as (keyof Hyper)[]).every((k) => JSON.stringify(stored.data[k]) === JSON.stringify(hp[k]));
    if (same) return failure ? { note: `no walk-forward score: ${failure}`, sameProcedure: true } : scores.rps;
    try {
      return walkForwardRps(history, test, stored.data).rps;
    } catch (err) {
      return { note: `the active version's procedure has no walk-forward score: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
  return {
    score: scores.rps,
    scoreActive,
    version: {
      kind: SOCCER_KIND,
      scope,
      config: { dataStamp, xi: hp.xi, windowDays: hp.windowDays, shrinkage: hp.shrinkage, newcomer: hp.newcomer, source: 'database (retrain)', ...(failure ? { walkForwardFailure: failure } : {}) },
      featureColumns: [],
      metrics: Object.fromEntries(Object.entries({
        gateScore: scores.rps, gateN: test.length, gateWindowEnd: windowEnd, rps: scores.rps, logLoss: scores.logLoss, brier: scores.brier,
        matches: model.matches, negLogLikelihood: model.negLogLikelihood, iterations: model.iterations,
      }).filter(([, v]) => Number.isFinite(v))),
      artifact: JSON.parse(soccer.serializeDixonColes(model)),
      trainedFrom: new Date(Math.min(...inWindow.map((m) => m.day)) * DAY_MS),
      trainedTo: new Date(Math.max(...inWindow.map((m) => m.day)) * DAY_MS),
    },
  };
}

/** Soccer Dixon–Coles: one slot per competition with at least MIN_HISTORY finished matches. */
export const soccerDixonColesTrainer: KindTrainer = {
  kind: SOCCER_KIND,
  async targets(ctx) {
    return (await soccerCompetitionsWithResults(ctx.read, ctx.clock(), MIN_HISTORY)).map((c) => ({ scope: soccerScope(c.code), ref: { competitionId: c.id, code: c.code } }));
  },
  train: (ctx, target, options) => trainSoccerDc(ctx, { id: Number(target.ref.competitionId), code: String(target.ref.code) }, options.config),
};
