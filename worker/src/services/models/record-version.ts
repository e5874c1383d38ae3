/**
 * Files a trained model as a `model_versions` row, inside the caller's transaction: a `candidate` under the
 * next version number of its kind/scope — or, when an identical artifact is already filed there, that
 * version (re-recording a run is a no-op). An advisory lock per kind/scope serialises concurrent runs, so two
 * of them cannot take the same number.
 */
import { modelVersions } from '@fairline/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../ingest/store/sql.ts';

export interface ModelVersionRecord {
  kind: string;
  scope: string;
  config: Record<string, unknown>;
  featureColumns: string[];
  metrics: Record<string, number>;
  artifact: object;
  trainedFrom?: Date | undefined;
  trainedTo?: Date | undefined;
}

export interface RecordedVersion {
  id: number;
  version: number;
  created: boolean;
}

export async function recordModelVersion(tx: Tx, r: ModelVersionRecord): Promise<RecordedVersion> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${r.kind}|${r.scope}`}))`);
  const [same] = await tx
    .select({ id: modelVersions.id, version: modelVersions.version })
    .from(modelVersions)
    .where(and(eq(modelVersions.kind, r.kind), eq(modelVersions.scope, r.scope), sql`${modelVersions.artifact} = ${JSON.stringify(r.artifact)}::jsonb`))
    .limit(1);
  if (same) return { id: same.id, version: same.version, created: false };
  const [latest] = await tx
    .select({ version: modelVersions.version })
    .from(modelVersions)
    .where(and(eq(modelVersions.kind, r.kind), eq(modelVersions.scope, r.scope)))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  const version = (latest?.version ?? 0) + 1;
  const [row] = await tx
    .insert(modelVersions)
    .values({
      kind: r.kind, scope: r.scope, version, status: 'candidate', config: r.config, featureColumns: r.featureColumns, metrics: r.metrics,
      artifact: r.artifact, trainedFrom: r.trainedFrom ?? null, trainedTo: r.trainedTo ?? null,
    })
    .returning({ id: modelVersions.id });
  return { id: row!.id, version, created: true };
}
