/**
 * Retraining the NFL prop models from the database, one slot per market. The feature environment comes from the
 * stored stat lines and games (services/nfl/props/training-data.ts — equal to the CSVs', tested). The candidate is the
 * market's tuned configuration fitted on every season held; its gate score is walk-forward on the latest season: the
 * same configuration fitted on the seasons before it, scored as the log loss of calibrated P(over the baseline line)
 * on that season's offered player-games. The active version's configuration is scored on the same season. A filed
 * candidate stores projections for the players of upcoming scheduled games (what the API serves once it is active).
 */
import {
  activeModelVersion, insertModelInputs, insertProjections, nflFixtureIdsByGameId, nflPlayerIdsByExternalId, nflUpcomingPlayerGames, type NewModelInput, type NewProjection,
  type Tx,
} from '@fairline/db';
import {
  ALL_MARKETS, fitPropModel, MARKETS, offeredRows, PROP_DEFAULTS, projectionRecords, scoreMarket, serializePropModel, withUpcoming,
  type FeatureEnv, type MarketName, type PropModelConfig,
} from '@fairline/ml/nfl/props/index';
import type { Ctx } from '../../../context.ts';
import { NFL_COMPETITION } from '../../ingest/nflverse/games.ts';
import { PROPS_KIND, propsScope } from '../../nfl/props/pricing-models.ts';
import { propsEnvFromDb } from '../../nfl/props/training-data.ts';
import type { KindTrainer, TrainedCandidate, TrainSkip, TrainTarget } from './types.ts';

const DAY_MS = 86_400_000;
/** Upcoming games projected by a filed candidate: the next two weeks (the odds poll covers about as far). */
const PROJECT_DAYS = 14;

/** One environment per retraining pass (per ctx): every market reads the same tables. */
const envs = new WeakMap<object, Promise<FeatureEnv>>();
const envOf = (ctx: Ctx) => {
  let e = envs.get(ctx);
  if (!e) envs.set(ctx, (e = propsEnvFromDb(ctx)));
  return e;
};

/** The seasons with played player-games, ascending. */
const playedSeasons = (env: FeatureEnv) => [...new Set(Array.from(env.table.season))].sort((a, b) => a - b);

/** A stored config's procedure part (what fitPropModel reads), for comparing versions. */
const procedure = (c: Record<string, unknown>) => JSON.stringify({ gbdt: c.gbdt, objectives: c.objectives, trainVolumeFraction: c.trainVolumeFraction, oosSeasons: c.oosSeasons, oosScheme: c.oosScheme, calibrationPriorWeight: c.calibrationPriorWeight });

/** Walk-forward log loss on `test` of `config` fitted on the seasons before it. */
function walkForward(env: FeatureEnv, market: MarketName, seasons: readonly number[], test: number, config: PropModelConfig): { logLoss: number; n: number } {
  const model = fitPropModel(env, market, seasons.filter((s) => s < test), config);
  const r = scoreMarket(model, env, [test]);
  return { logLoss: r.logLoss, n: r.n };
}

/** Projections of `model` for the upcoming player-games, as rows to insert once the version id is known. */
async function upcomingProjections(ctx: Ctx, env: FeatureEnv, model: ReturnType<typeof fitPropModel>) {
  const now = ctx.clock();
  const list = await nflUpcomingPlayerGames(ctx.read, NFL_COMPETITION.code, now, new Date(now.getTime() + PROJECT_DAYS * DAY_MS));
  if (list.length === 0) return [];
  const live = withUpcoming(env, list.map((g) => ({
    playerId: g.playerExternalId, playerName: g.playerName, position: g.position ?? '', team: g.team, opponent: g.opponent, season: Number(g.season), week: g.week,
  })));
  const spec = MARKETS[model.market];
  const rows = Int32Array.from(Array.from(live.rows).filter((i) => offeredRows(spec, live.env.table, new Set([live.env.table.season[i]!])).includes(i)));
  return projectionRecords(model, live.env, rows);
}

async function train(ctx: Ctx, target: TrainTarget, options: { config?: Record<string, unknown> }): Promise<TrainedCandidate | TrainSkip> {
  const market = target.ref.market as MarketName;
  const env = await envOf(ctx);
  const seasons = playedSeasons(env);
  // The walk-forward fit needs two seasons before the scored one (a prop model calibrates out of sample on one of them).
  if (seasons.length < 3) return { skip: 'too-few', detail: `${seasons.length} season(s) of player stats (< 3: two to fit, one to score)` };
  const base = PROP_DEFAULTS[market];
  const config: PropModelConfig = options.config ? { ...base, ...options.config, gbdt: { ...base.gbdt, ...(options.config.gbdt as object | undefined) } } : base;
  const t = env.table;
  const dataStamp = `${t.n}:${t.time.reduce((m, x) => Math.max(m, x), 0)}:${env.contexts.size}`;
  const active = await activeModelVersion(ctx.read, PROPS_KIND, target.scope);
  if (!options.config && active?.config.dataStamp === dataStamp) return { skip: 'unchanged', detail: 'no new player stats or games since the active version' };

  const test = seasons.at(-1)!;
  const wf = walkForward(env, market, seasons, test, config);
  const model = fitPropModel(env, market, seasons, config);
  const projections = await upcomingProjections(ctx, env, model);
  const scoreActive = async (a: { simulated: boolean; config: Record<string, unknown> }): Promise<number | { note: string }> => {
    if (a.simulated) return { note: 'the active version is a demo model' };
    if (!a.config.gbdt || !Array.isArray(a.config.objectives)) return { note: 'the active version has no prop model configuration' };
    if (procedure(a.config) === procedure(config as unknown as Record<string, unknown>)) return wf.logLoss;
    return walkForward(env, market, seasons, test, a.config as unknown as PropModelConfig).logLoss;
  };
  const artifact = serializePropModel(model);
  return {
    score: wf.logLoss,
    scoreActive,
    version: {
      kind: PROPS_KIND, scope: target.scope, config: { ...config, dataStamp, trainSeasons: seasons, source: 'database (retrain)' }, featureColumns: artifact.featureNames,
      metrics: { gateScore: wf.logLoss, gateN: wf.n, gateWindowEnd: Date.UTC(test + 1, 1, 28), logLoss: wf.logLoss, oosRows: model.oosRows, projections: projections.length },
      artifact, trainedFrom: new Date(Date.UTC(seasons[0]!, 8, 1)), trainedTo: new Date(Date.UTC(test + 1, 1, 28)),
    },
    afterFile: async (tx: Tx, versionId: number) => {
      if (projections.length === 0) return;
      const fixtureId = await nflFixtureIdsByGameId(tx, [...new Set(projections.map((p) => p.gameId))]);
      const playerId = await nflPlayerIdsByExternalId(tx, [...new Set(projections.map((p) => p.playerExternalId))]);
      const values: NewProjection[] = [];
      // The rows' features too (model_inputs): the API explains a projection from them and the drift job compares them.
      const inputs: NewModelInput[] = [];
      for (const p of projections) {
        const f = fixtureId.get(p.gameId), pl = playerId.get(p.playerExternalId);
        if (f === undefined || pl === undefined) continue;
        values.push({ modelVersionId: versionId, fixtureId: f, playerId: pl, market: p.market, mean: p.mean, distribution: p.distribution });
        inputs.push({ modelVersionId: versionId, fixtureId: f, playerId: pl, market: p.market, features: p.features });
      }
      await insertProjections(tx, values);
      await insertModelInputs(tx, inputs);
    },
  };
}

/** NFL props: one slot per market (ALL_MARKETS). */
export const propsTrainer: KindTrainer = {
  kind: PROPS_KIND,
  async targets() {
    return ALL_MARKETS.map((m) => ({ scope: propsScope(m), ref: { market: m } }));
  },
  train,
};
