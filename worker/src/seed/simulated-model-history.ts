/**
 * SIMULATED model history for the demo's `/models` page: a walk-forward run of the served soccer model (pure
 * Dixon–Coles, services/soccer/model.ts) over the simulated league's played rounds. Before each round once
 * MIN_HISTORY results are in (the platform's own rule), a version is fitted on the results before it, filed as it would have been then (created and
 * activated the day before the round, audited `model.activate` by the system) and its 1X2 predictions of that
 * round stored; its metrics are its scores on that round beside the simulated book's margin-free prices (RPS, log
 * loss, Brier). Every version is left retired: the first request or cron tick fits the live one as usual, and a
 * rollback returns to a real, loadable fit. So the page has versions over time, a reliability diagram from settled
 * predictions and a promotion history to show. Labelled simulated in each version's config.
 *
 * Not part of `seedSimulatedData` (tests count the soccer versions the app itself files): `npm start` runs it
 * after the demo data, once (nothing is done when the scope already has versions).
 */
import { insertPredictions, listModelVersions, seedModelVersion, finishedMatchesWithPrices, type FinishedMatchWithPrices, type NewPrediction, type PoolDb } from '@fairline/db';
import { pricing, soccer } from '@fairline/ml';
import { appendAudit, SYSTEM_ACTOR } from '../services/audit/index.ts';
import { dayOf, fitSoccerModel, MIN_HISTORY, priceFixture, SOCCER_MODEL } from '../services/soccer/model.ts';
import { SOCCER_KIND, soccerScope } from '../services/soccer/model-version.ts';

const DAY = 86_400_000;

type Match = FinishedMatchWithPrices;

/** The model's 1X2 for each match of a round, the result's index, and the book's margin-free 1X2 when quoted. */
function scoreRound(model: soccer.DixonColesModel, round: readonly Match[]) {
  return round.map((m) => {
    const o = priceFixture(model, m.homeTeamId, m.awayTeamId, m.neutral).matchOdds;
    const outcome = m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2;
    const probs = [o.home.p, o.draw.p, o.away.p];
    const inverse = m.home && m.draw && m.away ? [1 / m.home, 1 / m.draw, 1 / m.away] : null;
    const market = inverse ? inverse.map((q) => q / (inverse[0]! + inverse[1]! + inverse[2]!)) : null;
    return { m, probs, outcome, market };
  });
}
/** The demo league's code (simulated.ts). */
const CODE = 'SIM-SOC';

/** Seeds the simulated soccer model history (see the file comment); returns how many versions it filed. */
export async function seedSimulatedModelHistory(db: PoolDb): Promise<number> {
  const scope = soccerScope(CODE);
  if ((await listModelVersions(db, { kind: SOCCER_KIND, scope, limit: 1 })).length > 0) return 0;
  const matches = await finishedMatchesWithPrices(db, CODE);
  // Rounds: the simulated league plays each round on one day.
  const rounds: Match[][] = [];
  for (const m of matches) {
    const last = rounds.at(-1);
    if (last && dayOf(last[0]!.kickoffAt) === dayOf(m.kickoffAt)) last.push(m);
    else rounds.push([m]);
  }
  // The platform's own rule: no fit on fewer than MIN_HISTORY results (the ratings would be mostly prior).
  let first = 0;
  for (let seen = 0; first < rounds.length && seen < MIN_HISTORY; first++) seen += rounds[first]!.length;
  if (first >= rounds.length) return 0;

  return db.transaction(async (tx) => {
    let previous: number | null = null;
    let filed = 0;
    for (let r = first; r < rounds.length; r++) {
      const round = rounds[r]!;
      const kickoff = round[0]!.kickoffAt;
      const at = new Date(kickoff.getTime() - DAY);
      const history: soccer.SoccerMatch[] = rounds.slice(0, r).flat().map((m) => ({
        home: String(m.homeTeamId), away: String(m.awayTeamId), homeGoals: m.homeGoals, awayGoals: m.awayGoals, day: dayOf(m.kickoffAt), neutral: m.neutral,
      }));
      const model = fitSoccerModel(history, dayOf(kickoff));
      // A fit on a small league can land on a ρ that is infeasible for a match's goal rates (ml's scoreGrid refuses
      // it): such a fit could not have priced that round, so it is not filed.
      let scored: ReturnType<typeof scoreRound>;
      try {
        scored = scoreRound(model, round);
      } catch (err) {
        if (err instanceof RangeError) continue;
        throw err;
      }
      const mean = (f: (s: (typeof scored)[number]) => number, of = scored) => of.reduce((a, s) => a + f(s), 0) / of.length;
      const quoted = scored.filter((s) => s.market !== null);
      const metrics: Record<string, number> = {
        simulated: 1, matches: model.matches, testMatches: scored.length,
        rps: mean((s) => soccer.metrics.rps(s.probs, s.outcome)),
        logLoss: mean((s) => soccer.metrics.logLoss(s.probs, s.outcome)),
        brier: mean((s) => soccer.metrics.brier(s.probs, s.outcome)),
      };
      if (quoted.length > 0) {
        metrics.marketRps = mean((s) => soccer.metrics.rps(s.market!, s.outcome), quoted);
        metrics.marketLogLoss = mean((s) => soccer.metrics.logLoss(s.market!, s.outcome), quoted);
      }
      const hp = SOCCER_MODEL;
      const id = await seedModelVersion(tx, {
        kind: SOCCER_KIND, scope, version: filed + 1, status: 'retired',
        config: {
          simulated: true, note: 'SIMULATED walk-forward history on the simulated league (demo seed), scored on the round after its fit',
          dataStamp: `seed-history:${r}`, xi: hp.xi, windowDays: hp.windowDays, shrinkage: hp.shrinkage, newcomer: hp.newcomer,
        },
        featureColumns: [], metrics, artifact: JSON.parse(soccer.serializeDixonColes(model)),
        trainedFrom: rounds[0]![0]!.kickoffAt, trainedTo: rounds[r - 1]![0]!.kickoffAt, createdAt: at, activatedAt: at,
      });
      await appendAudit(tx, { kind: 'model.activate', actor: SYSTEM_ACTOR, subject: `model_version:${id}`, payload: { kind: SOCCER_KIND, scope, retired: previous } }, at);
      const rows: NewPrediction[] = scored.flatMap((s) =>
        (['home', 'draw', 'away'] as const).map((selection, i) => ({
          modelVersionId: id, fixtureId: s.m.fixtureId, market: '1x2', selection, line: null, probability: s.probs[i]!,
          fairPrice: pricing.fairPrice(s.probs[i]!), createdAt: at,
        })),
      );
      await insertPredictions(tx, rows);
      previous = id;
      filed++;
    }
    return filed;
  });
}
