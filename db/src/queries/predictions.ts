/**
 * Stored predictions: append-only market probabilities per fixture, each tied to the model version that made
 * them (idempotent on the natural key: version, fixture, market, selection, line).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import type { ModelKind } from '../schema/enums.ts';
import { modelVersions, predictions } from '../schema/models/index.ts';

/** One stored probability. */
export type NewPrediction = typeof predictions.$inferInsert;

/** Inserts predictions, skipping ones already stored; returns how many were new. */
export async function insertPredictions(tx: Tx, rows: readonly NewPrediction[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(predictions).values([...rows]).onConflictDoNothing().returning({ id: predictions.id });
  return inserted.length;
}

/**
 * The newest stored probability per fixture and selection of one market (from any version, or any version of `kind`
 * when given: a fixture holds predictions of several model kinds), for change detection.
 */
export async function latestPredictions(
  db: Db,
  fixtureIds: readonly number[],
  market: string,
  kind?: ModelKind,
): Promise<{ fixtureId: number; selection: string; probability: number }[]> {
  if (fixtureIds.length === 0) return [];
  const where = and(inArray(predictions.fixtureId, [...fixtureIds]), eq(predictions.market, market), kind ? eq(modelVersions.kind, kind) : undefined);
  return db
    .selectDistinctOn([predictions.fixtureId, predictions.selection], {
      fixtureId: predictions.fixtureId,
      selection: predictions.selection,
      probability: predictions.probability,
    })
    .from(predictions)
    .innerJoin(modelVersions, eq(modelVersions.id, predictions.modelVersionId))
    .where(where)
    .orderBy(predictions.fixtureId, predictions.selection, desc(predictions.createdAt), desc(predictions.id));
}

/**
 * The model version of a fixture's newest stored prediction (the answer the platform last gave), or null; with
 * `kind`, the newest of that kind only (soccer stores Dixon–Coles and GBDT predictions side by side, and the grid is
 * priced from the Dixon–Coles one).
 */
export async function latestPredictionVersion(db: Db, fixtureId: number, kind?: ModelKind): Promise<number | null> {
  const [row] = await db
    .select({ modelVersionId: predictions.modelVersionId })
    .from(predictions)
    .innerJoin(modelVersions, eq(modelVersions.id, predictions.modelVersionId))
    .where(and(eq(predictions.fixtureId, fixtureId), kind ? eq(modelVersions.kind, kind) : undefined))
    .orderBy(desc(predictions.createdAt), desc(predictions.id))
    .limit(1);
  return row?.modelVersionId ?? null;
}

/** A fixture's stored predictions made by one model version. */
export async function predictionsOf(db: Db, fixtureId: number, modelVersionId: number) {
  return db
    .select({ market: predictions.market, selection: predictions.selection, line: predictions.line, probability: predictions.probability, fairPrice: predictions.fairPrice })
    .from(predictions)
    .where(and(eq(predictions.fixtureId, fixtureId), eq(predictions.modelVersionId, modelVersionId)));
}
