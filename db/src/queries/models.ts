/**
 * The model registry's statements: filing versions, the one active version per kind and scope (the partial
 * unique index `model_versions_one_active` enforces it), status changes, and reads. The verbs that decide
 * *when* to call these live in worker/src/services/models/registry.ts.
 */
import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import type { ModelKind, ModelStatus } from '../schema/enums.ts';
import { modelVersions } from '../schema/models/index.ts';

/** A model version without its artifact (artifacts can be megabytes of trees: read them only when needed). */
export interface ModelVersionMeta {
  id: number;
  kind: ModelKind;
  scope: string;
  version: number;
  status: ModelStatus;
  config: Record<string, unknown>;
  metrics: Record<string, number>;
  /** A demo model (the seed's `config.simulated`), not one fitted on real data. */
  simulated: boolean;
  createdAt: Date;
  activatedAt: Date | null;
}

/** What filing a version writes. */
export interface NewModelVersion {
  kind: ModelKind;
  scope: string;
  config: Record<string, unknown>;
  featureColumns: string[];
  metrics: Record<string, number>;
  artifact: object;
  trainedFrom?: Date | null | undefined;
  trainedTo?: Date | null | undefined;
}

const META = {
  id: modelVersions.id,
  kind: modelVersions.kind,
  scope: modelVersions.scope,
  version: modelVersions.version,
  status: modelVersions.status,
  config: sql<Record<string, unknown>>`${modelVersions.config}`,
  metrics: modelVersions.metrics,
  simulated: sql<boolean>`coalesce(${modelVersions.config} -> 'simulated' = 'true'::jsonb, false)`,
  createdAt: modelVersions.createdAt,
  activatedAt: modelVersions.activatedAt,
};

const ofScope = (kind: ModelKind, scope: string) => and(eq(modelVersions.kind, kind), eq(modelVersions.scope, scope));

/** Serialises writers of one kind+scope until the transaction ends (version numbering, activation). */
export async function lockModelScope(tx: Tx, kind: ModelKind, scope: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${kind}|${scope}`}))`);
}

/** The version of kind+scope whose artifact is exactly `artifact` (jsonb equality), if one was filed. */
export async function versionWithArtifact(tx: Tx, kind: ModelKind, scope: string, artifact: object): Promise<{ id: number; version: number } | null> {
  const [row] = await tx
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelVersions)
    .where(and(ofScope(kind, scope), sql`${modelVersions.artifact} = ${JSON.stringify(artifact)}::jsonb`))
    .limit(1);
  return row ?? null;
}

/** Inserts `v` as a candidate numbered after the newest version of its kind+scope (call under lockModelScope). */
export async function insertCandidate(tx: Tx, v: NewModelVersion): Promise<{ id: number; version: number }> {
  const [latest] = await tx
    .select({ version: modelVersions.version })
    .from(modelVersions)
    .where(ofScope(v.kind, v.scope))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  const version = (latest?.version ?? 0) + 1;
  const [row] = await tx
    .insert(modelVersions)
    .values({
      kind: v.kind, scope: v.scope, version, status: 'candidate', config: v.config, featureColumns: v.featureColumns, metrics: v.metrics,
      artifact: v.artifact, trainedFrom: v.trainedFrom ?? null, trainedTo: v.trainedTo ?? null,
    })
    .returning({ id: modelVersions.id });
  return { id: row!.id, version };
}

/** One version's metadata, or null. */
export async function modelVersionMeta(db: Db | Tx, id: number): Promise<ModelVersionMeta | null> {
  const [row] = await db.select(META).from(modelVersions).where(eq(modelVersions.id, id)).limit(1);
  return row ?? null;
}

/** The active version of kind+scope (at most one exists), or null. */
export async function activeModelVersion(db: Db | Tx, kind: ModelKind, scope: string): Promise<ModelVersionMeta | null> {
  const [row] = await db.select(META).from(modelVersions).where(and(ofScope(kind, scope), eq(modelVersions.status, 'active'))).limit(1);
  return row ?? null;
}

/** The active versions of a kind, every scope (e.g. one prop model per market). */
export async function activeModelVersions(db: Db | Tx, kind: ModelKind): Promise<ModelVersionMeta[]> {
  return db.select(META).from(modelVersions).where(and(eq(modelVersions.kind, kind), eq(modelVersions.status, 'active')));
}

/** A version's stored artifact (JSON), or null when there is no such version. */
export async function modelArtifact(db: Db | Tx, id: number): Promise<unknown> {
  const [row] = await db.select({ artifact: modelVersions.artifact }).from(modelVersions).where(eq(modelVersions.id, id)).limit(1);
  return row ? row.artifact : null;
}

/** Versions newest first, optionally of one kind and scope, at most `limit`. */
export async function listModelVersions(db: Db | Tx, filter: { kind?: ModelKind | undefined; scope?: string | undefined; limit: number }): Promise<ModelVersionMeta[]> {
  const where = [];
  if (filter.kind) where.push(eq(modelVersions.kind, filter.kind));
  if (filter.scope) where.push(eq(modelVersions.scope, filter.scope));
  return db
    .select(META)
    .from(modelVersions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(modelVersions.kind, modelVersions.scope, desc(modelVersions.version))
    .limit(filter.limit);
}

/**
 * Makes version `id` the active one of its kind+scope: the current active version (if another) is retired first,
 * in the caller's transaction (call under lockModelScope), so the one-active index never sees two.
 */
export async function setActiveVersion(tx: Tx, v: { id: number; kind: ModelKind; scope: string }): Promise<void> {
  await tx
    .update(modelVersions)
    .set({ status: 'retired' })
    .where(and(ofScope(v.kind, v.scope), eq(modelVersions.status, 'active'), ne(modelVersions.id, v.id)));
  await tx.update(modelVersions).set({ status: 'active', activatedAt: sql`now()` }).where(and(eq(modelVersions.id, v.id), ne(modelVersions.status, 'active')));
}

/** Sets a version's status to retired. */
export async function retireVersion(tx: Tx, id: number): Promise<void> {
  await tx.update(modelVersions).set({ status: 'retired' }).where(eq(modelVersions.id, id));
}

/** The version of kind+scope that was active most recently before the current one (a retired, once-active one). */
export async function previouslyActiveVersion(tx: Tx, kind: ModelKind, scope: string): Promise<ModelVersionMeta | null> {
  const [row] = await tx
    .select(META)
    .from(modelVersions)
    .where(and(ofScope(kind, scope), eq(modelVersions.status, 'retired'), isNotNull(modelVersions.activatedAt)))
    .orderBy(desc(modelVersions.activatedAt), desc(modelVersions.version))
    .limit(1);
  return row ?? null;
}

/** Merges `patch` into a version's config (e.g. the data stamp a reused version now stands for). */
export async function mergeModelConfig(tx: Tx, id: number, patch: Record<string, unknown>): Promise<void> {
  await tx
    .update(modelVersions)
    .set({ config: sql`${modelVersions.config} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(modelVersions.id, id));
}
