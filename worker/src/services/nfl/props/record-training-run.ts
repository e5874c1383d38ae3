/**
 * Store a props training run: one `model_versions` row per market (kind `props:<market>`, scope
 * `nfl:<market>`, next version number, status candidate, with config, feature columns, metrics and the
 * artifact) and the run's projections tied to those versions. Projections name their game and player by
 * natural key (nflverse game_id, gsis id); rows whose fixture or player is not in the database are counted,
 * not stored. Idempotent: re-recording an identical artifact reuses its version, and projections upsert on
 * their natural key (model version, fixture, player, market). One transaction.
 */
import { fixtures, players, projections } from '@fairline/db';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { recordModelVersion } from '../../models/record-version.ts';

const PROP_MODEL_TAG = 'fairline.props.model';
const market = z.string().regex(/^[a-z_]+$/);

export const recordTrainingRunInput = z.object({
  models: z
    .array(
      z.object({
        market,
        /** A `fairline.props.model` artifact (ml/src/props/artifact.ts). */
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
    }),
  ),
});
export type RecordTrainingRunInput = z.input<typeof recordTrainingRunInput>;

export interface RecordTrainingRunResult {
  models: Array<{ market: string; id: number; version: number; created: boolean }>;
  projections: { inserted: number; unchanged: number; unknownFixture: number; unknownPlayer: number };
}

const CHUNK = 1000;

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
      const kind = `props:${m.market}`;
      const scope = `nfl:${m.market}`;
      const v = await recordModelVersion(tx, {
        kind, scope, config: (m.artifact.config ?? {}) as Record<string, unknown>, featureColumns: m.artifact.featureNames,
        metrics: m.metrics, artifact: m.artifact, trainedFrom: m.trainedFrom, trainedTo: m.trainedTo,
      });
      models.push({ market: m.market, ...v });
      idByMarket.set(m.market, v.id);
    }

    const gameIds = [...new Set(run.projections.map((p) => p.gameId))];
    const playerIds = [...new Set(run.projections.map((p) => p.playerExternalId))];
    const fixtureId = new Map<string, number>();
    for (let k = 0; k < gameIds.length; k += CHUNK) {
      const rows = await tx.select({ id: fixtures.id, key: fixtures.naturalKey }).from(fixtures)
        .where(and(eq(fixtures.sport, 'nfl'), inArray(fixtures.naturalKey, gameIds.slice(k, k + CHUNK))));
      for (const r of rows) fixtureId.set(r.key, r.id);
    }
    const playerId = new Map<string, number>();
    for (let k = 0; k < playerIds.length; k += CHUNK) {
      const rows = await tx.select({ id: players.id, key: players.externalId }).from(players)
        .where(and(eq(players.sport, 'nfl'), inArray(players.externalId, playerIds.slice(k, k + CHUNK))));
      for (const r of rows) playerId.set(r.key, r.id);
    }
    const counts = { inserted: 0, unchanged: 0, unknownFixture: 0, unknownPlayer: 0 };
    const values: Array<typeof projections.$inferInsert> = [];
    for (const p of run.projections) {
      const f = fixtureId.get(p.gameId);
      const pl = playerId.get(p.playerExternalId);
      if (f === undefined) counts.unknownFixture++;
      else if (pl === undefined) counts.unknownPlayer++;
      else values.push({ modelVersionId: idByMarket.get(p.market)!, fixtureId: f, playerId: pl, market: p.market, mean: p.mean, distribution: p.distribution });
    }
    for (let k = 0; k < values.length; k += CHUNK) {
      const chunk = values.slice(k, k + CHUNK);
      const inserted = await tx.insert(projections).values(chunk).onConflictDoNothing().returning({ id: projections.id });
      counts.inserted += inserted.length;
      counts.unchanged += chunk.length - inserted.length;
    }
    return { models, projections: counts };
  });
}
