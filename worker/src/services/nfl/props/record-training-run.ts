/**
 * Store a props training run: one candidate per market in the model registry (kind `nfl_props`,
 * scope `nfl:<market>`, next version number, with config, feature columns, metrics and the artifact) — served
 * only once activated and the run's projections tied to those versions. Projections name their game and player by
 * natural key (nflverse game_id, gsis id); rows whose fixture or player is not in the database are counted,
 * not stored. Idempotent: re-recording an identical artifact reuses its version, and projections upsert on
 * their natural key (model version, fixture, player, market). One transaction.
 */
import { insertModelInputs, insertProjections, nflFixtureIdsByGameId, nflPlayerIdsByExternalId, type NewModelInput, type NewProjection } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { PROPS_KIND, propsScope } from './pricing-models.ts';
import { fileCandidateIn } from '../../models/registry.ts';

const PROP_MODEL_TAG = 'fairline.props.model';
const market = z.string().regex(/^[a-z_]+$/);

/**
 * A props training run to store. `models`: at least one, one per market (a lower-case snake_case name), each a
 * `fairline.props.model` artifact of that market (ml/src/nfl/props/artifact.ts) with finite metrics and an optional
 * training window. `projections`: per market, the nflverse game_id and the player's gsis id (non-empty), the
 * projected mean (finite, in the market's units) and its distribution (median, q10, q90 …) as stored.
 */
export const recordTrainingRunInput = z.object({
  models: z
    .array(
      z.object({
        market,
        /** A `fairline.props.model` artifact (ml/src/nfl/props/artifact.ts). */
        artifact: z.object({ tag: z.literal(PROP_MODEL_TAG), market, featureNames: z.array(z.string()), config: z.unknown() }).loose(),
        metrics: z.record(z.string(), z.number().finite()),
        trainedFrom: z.date().optional(),
        trainedTo: z.date().optional(),
      }),
    )
    .min(1),
  projections: z.array(
    z.object({
      market,
      gameId: z.string().min(1),
      playerExternalId: z.string().min(1),
      mean: z.number().finite(),
      distribution: z.record(z.string(), z.unknown()),
      /** The GBDT's feature row (the artifact's column order, null = missing), stored in model_inputs for explanations and drift. */
      features: z.array(z.number().finite().nullable()).optional(),
    }),
  ),
});
export type RecordTrainingRunInput = z.input<typeof recordTrainingRunInput>;

export interface RecordTrainingRunResult {
  models: Array<{ market: string; id: number; version: number; created: boolean }>;
  projections: { inserted: number; unchanged: number; unknownFixture: number; unknownPlayer: number };
}

/**
 * Stores a props training run (see the file comment): files one candidate per market and upserts the projections tied
 * to them, counting those whose game or player is unknown. BAD_REQUEST for an invalid run — an artifact filed under
 * another market, two models of one market, or a projection for a market the run did not train.
 */
export async function recordTrainingRun({ ctx, input }: { ctx: Ctx; input: RecordTrainingRunInput }): Promise<RecordTrainingRunResult> {
  const parsed = recordTrainingRunInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid training run: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const run = parsed.data;
  for (const m of run.models) {
    if (m.artifact.market !== m.market) throw new AppError('BAD_REQUEST', `artifact for ${m.artifact.market} filed under ${m.market}`);
  }
  const markets = new Set(run.models.map((m) => m.market));
  if (markets.size !== run.models.length) throw new AppError('BAD_REQUEST', 'one model per market per training run');
  const orphan = run.projections.find((p) => !markets.has(p.market));
  if (orphan) throw new AppError('BAD_REQUEST', `projection for ${orphan.market}, which this run did not train`);

  return ctx.db.transaction(async (tx) => {
    const models: RecordTrainingRunResult['models'] = [];
    const idByMarket = new Map<string, number>();
    for (const m of run.models) {
      const v = await fileCandidateIn(tx, {
        kind: PROPS_KIND, scope: propsScope(m.market), config: (m.artifact.config ?? {}) as Record<string, unknown>, featureColumns: m.artifact.featureNames,
        metrics: m.metrics, artifact: m.artifact, trainedFrom: m.trainedFrom, trainedTo: m.trainedTo,
      });
      models.push({ market: m.market, ...v });
      idByMarket.set(m.market, v.id);
    }

    const gameIds = [...new Set(run.projections.map((p) => p.gameId))];
    const playerIds = [...new Set(run.projections.map((p) => p.playerExternalId))];
    const fixtureId = await nflFixtureIdsByGameId(tx, gameIds);
    const playerId = await nflPlayerIdsByExternalId(tx, playerIds);
    const counts = { inserted: 0, unchanged: 0, unknownFixture: 0, unknownPlayer: 0 };
    const values: NewProjection[] = [];
    const inputs: NewModelInput[] = [];
    for (const p of run.projections) {
      const f = fixtureId.get(p.gameId);
      const pl = playerId.get(p.playerExternalId);
      if (f === undefined) counts.unknownFixture++;
      else if (pl === undefined) counts.unknownPlayer++;
      else {
        values.push({ modelVersionId: idByMarket.get(p.market)!, fixtureId: f, playerId: pl, market: p.market, mean: p.mean, distribution: p.distribution });
        if (p.features) inputs.push({ modelVersionId: idByMarket.get(p.market)!, fixtureId: f, playerId: pl, market: p.market, features: p.features });
      }
    }
    counts.inserted = await insertProjections(tx, values);
    await insertModelInputs(tx, inputs);
    counts.unchanged = values.length - counts.inserted;
    return { models, projections: counts };
  });
}
