/**
 * Reads behind the public models page (`models.overview`): every version's public metadata (never its config,
 * features or artifact), the registry's change history from the audit log, and the reliability of settled
 * soccer 1X2 predictions. Read-only; the registry's writes stay in queries/models.ts.
 */
import { and, desc, eq, inArray, isNotNull, like, lte, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import type { ModelKind, ModelStatus } from '../schema/enums.ts';
import { auditSnapshots } from '../schema/audit/index.ts';
import { modelVersions, predictions } from '../schema/models/index.ts';
import { fixtures } from '../schema/sports/fixtures.ts';

/** A version as the public may see it: identity, status, dates and its numeric metrics. */
export interface PublicModelVersionRow {
  id: number;
  kind: ModelKind;
  scope: string;
  version: number;
  status: ModelStatus;
  metrics: Record<string, number>;
  /** A demo model (the seed's `config.simulated`). */
  simulated: boolean;
  createdAt: Date;
  activatedAt: Date | null;
  trainedFrom: Date | null;
  trainedTo: Date | null;
}

/**
 * The newest `perScope` versions of every kind and scope, plus each scope's active version wherever it ranks
 * (an old version rolled back to must still show), ordered by kind, scope and version (newest first).
 */
export async function publicModelVersions(db: Db | Tx, perScope: number): Promise<PublicModelVersionRow[]> {
  const ranked = db
    .select({
      id: modelVersions.id,
      rank: sql<number>`row_number() over (partition by ${modelVersions.kind}, ${modelVersions.scope} order by ${modelVersions.version} desc)`.as('rank'),
    })
    .from(modelVersions)
    .as('ranked');
  return db
    .select({
      id: modelVersions.id,
      kind: modelVersions.kind,
      scope: modelVersions.scope,
      version: modelVersions.version,
      status: modelVersions.status,
      metrics: modelVersions.metrics,
      simulated: sql<boolean>`coalesce(${modelVersions.config} -> 'simulated' = 'true'::jsonb, false)`,
      createdAt: modelVersions.createdAt,
      activatedAt: modelVersions.activatedAt,
      trainedFrom: modelVersions.trainedFrom,
      trainedTo: modelVersions.trainedTo,
    })
    .from(modelVersions)
    .innerJoin(ranked, eq(ranked.id, modelVersions.id))
    .where(sql`${ranked.rank} <= ${perScope} or ${modelVersions.status} = 'active'`)
    .orderBy(modelVersions.kind, modelVersions.scope, desc(modelVersions.version));
}

/** One registry change as the audit log recorded it (`model.activate`, `model.rollback`, `model.retire`, …). */
export interface ModelAuditRow {
  id: number;
  /** The audit kind, `model.<verb>`. */
  kind: string;
  actor: string;
  /** `model_version:<id>`. */
  subject: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The newest `limit` audit entries about changes of the model registry (kinds `model.*`: activate, promote, rollback,
 * retire, gate_refused …), newest first — not `model.file` (filing a candidate changes nothing served).
 */
export async function modelAuditHistory(db: Db | Tx, limit: number): Promise<ModelAuditRow[]> {
  return db
    .select({
      id: auditSnapshots.id,
      kind: auditSnapshots.kind,
      actor: auditSnapshots.actor,
      subject: auditSnapshots.subject,
      payload: auditSnapshots.payload,
      createdAt: auditSnapshots.createdAt,
    })
    .from(auditSnapshots)
    .where(and(like(auditSnapshots.kind, 'model.%'), ne(auditSnapshots.kind, 'model.file')))
    .orderBy(desc(auditSnapshots.id))
    .limit(limit);
}

/** The version number, kind and scope of each id (to name versions in the history). */
export async function modelVersionNumbers(db: Db | Tx, ids: readonly number[]): Promise<{ id: number; kind: ModelKind; scope: string; version: number }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: modelVersions.id, kind: modelVersions.kind, scope: modelVersions.scope, version: modelVersions.version })
    .from(modelVersions)
    .where(inArray(modelVersions.id, [...ids]));
}

/** One reliability bin of a kind+scope's settled predictions: [lower, upper) of the predicted probability. */
export interface SettledReliabilityRow {
  kind: ModelKind;
  scope: string;
  /** The outcome: home, draw or away. */
  selection: string;
  /** The bin's index, 0 … bins − 1 (equal widths on [0, 1]). */
  bin: number;
  count: number;
  meanPredicted: number;
  observedFrequency: number;
}

/**
 * The reliability of settled soccer 1X2 predictions per model kind, scope and outcome (one-vs-rest: home, draw,
 * away): for each finished match, the last probability of each outcome stored before kickoff by any version
 * of that kind and scope (the answer the platform gave), binned by predicted probability into `bins` equal
 * widths, with how often the outcome happened. Bins without predictions are absent.
 */
export async function settledReliability(db: Db | Tx, bins = 10): Promise<SettledReliabilityRow[]> {
  const hit = sql<number>`case
      when ${predictions.selection} = 'home' then (${fixtures.homeScore} > ${fixtures.awayScore})::int
      when ${predictions.selection} = 'away' then (${fixtures.homeScore} < ${fixtures.awayScore})::int
      else (${fixtures.homeScore} = ${fixtures.awayScore})::int end`;
  const latest = db
    .selectDistinctOn([modelVersions.kind, modelVersions.scope, predictions.fixtureId, predictions.selection], {
      kind: sql<ModelKind>`${modelVersions.kind}`.as('kind'),
      scope: sql<string>`${modelVersions.scope}`.as('scope'),
      selection: sql<string>`${predictions.selection}`.as('selection'),
      probability: sql<number>`${predictions.probability}`.as('probability'),
      hit: hit.as('hit'),
    })
    .from(predictions)
    .innerJoin(modelVersions, eq(modelVersions.id, predictions.modelVersionId))
    .innerJoin(fixtures, eq(fixtures.id, predictions.fixtureId))
    .where(
      and(
        eq(predictions.market, '1x2'),
        inArray(predictions.selection, ['home', 'draw', 'away']),
        eq(fixtures.status, 'final'),
        isNotNull(fixtures.homeScore),
        isNotNull(fixtures.awayScore),
        lte(predictions.createdAt, fixtures.kickoffAt),
      ),
    )
    .orderBy(modelVersions.kind, modelVersions.scope, predictions.fixtureId, predictions.selection, desc(predictions.createdAt), desc(predictions.id))
    .as('latest');
  const bin = sql<number>`least(floor(${latest.probability} * ${bins})::int, ${bins - 1})`;
  const rows = await db
    .select({
      kind: latest.kind,
      scope: latest.scope,
      selection: latest.selection,
      bin: bin.as('bin'),
      count: sql<number>`count(*)::int`,
      meanPredicted: sql<number>`avg(${latest.probability})::float8`,
      observedFrequency: sql<number>`avg(${latest.hit})::float8`,
    })
    .from(latest)
    .groupBy(latest.kind, latest.scope, latest.selection, sql`bin`)
    .orderBy(latest.kind, latest.scope, latest.selection, sql`bin`);
  // neon-http hands numerics back as strings in some paths; the page wants numbers.
  return rows.map((r) => ({ ...r, bin: Number(r.bin), count: Number(r.count), meanPredicted: Number(r.meanPredicted), observedFrequency: Number(r.observedFrequency) }));
}

/**
 * The walk-forward reliability bins stored with each of the versions `ids` — the soccer GBDT artifacts' own
 * `metrics.reliability` (per outcome class), read by path so the artifact itself (trees) never leaves Postgres —
 * or nothing for a version that stored none. The shape is checked by the caller.
 */
export async function storedReliability(db: Db | Tx, ids: readonly number[]): Promise<{ id: number; reliability: unknown }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: modelVersions.id, reliability: sql<unknown>`${modelVersions.artifact} -> 'metrics' -> 'reliability'` })
    .from(modelVersions)
    .where(and(inArray(modelVersions.id, [...ids]), sql`jsonb_typeof(${modelVersions.artifact} -> 'metrics' -> 'reliability') = 'array'`));
}

// The demo's simulated model history reads finished matches with their prices (kept beside the models page's reads).
export * from './seed-model-history.ts';
