/**
 * Store a fitted game-lines model: ONE `model_versions` row (kind `game-lines`, scope `nfl:game_lines`, next
 * version number, status candidate) with its config, metrics and artifact. Idempotent: re-recording an
 * identical artifact reuses its version (its metrics are left as first recorded). One transaction; version
 * numbering is serialised per kind/scope across concurrent runs.
 */
import { modelVersions } from '@fairline/db';
import { GAME_LINES_TAG, GAME_LINES_VERSION, loadGameLines } from '@fairline/ml/props/game-lines/index';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { GAME_LINES_KIND, GAME_LINES_SCOPE } from './model-version.ts';

export const recordGameLinesInput = z.object({
  /** A `fairline.props.game-lines` artifact (serializeGameLines); it must also load (checked below). */
  artifact: z.object({ tag: z.string(), version: z.number() }).loose()
    .refine((a) => a.tag === GAME_LINES_TAG && a.version === GAME_LINES_VERSION, `not a ${GAME_LINES_TAG} v${GAME_LINES_VERSION} artifact`),
  config: z.record(z.string(), z.unknown()).default({}),
  metrics: z.record(z.string(), z.number().finite()),
  trainedFrom: z.date().optional(),
  trainedTo: z.date().optional(),
});
export type RecordGameLinesInput = z.input<typeof recordGameLinesInput>;

export interface RecordGameLinesResult {
  id: number;
  version: number;
  created: boolean;
}

export async function recordGameLines({ ctx, input }: { ctx: Ctx; input: RecordGameLinesInput }): Promise<RecordGameLinesResult> {
  const parsed = recordGameLinesInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid game-lines model: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const run = parsed.data;
  try {
    loadGameLines(run.artifact);
  } catch (err) {
    throw new AppError('BAD_REQUEST', `invalid game-lines model: ${err instanceof Error ? err.message : String(err)}`);
  }
  const kind = GAME_LINES_KIND;
  const scope = GAME_LINES_SCOPE;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${kind}|${scope}`}))`);
    const artifactJson = JSON.stringify(run.artifact);
    const [same] = await tx
      .select({ id: modelVersions.id, version: modelVersions.version })
      .from(modelVersions)
      .where(and(eq(modelVersions.kind, kind), eq(modelVersions.scope, scope), sql`${modelVersions.artifact} = ${artifactJson}::jsonb`))
      .limit(1);
    if (same) return { id: same.id, version: same.version, created: false };
    const [latest] = await tx
      .select({ version: modelVersions.version })
      .from(modelVersions)
      .where(and(eq(modelVersions.kind, kind), eq(modelVersions.scope, scope)))
      .orderBy(desc(modelVersions.version))
      .limit(1);
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(modelVersions)
      .values({
        kind, scope, version, status: 'candidate', config: run.config, featureColumns: [], metrics: run.metrics, artifact: run.artifact,
        trainedFrom: run.trainedFrom ?? null, trainedTo: run.trainedTo ?? null,
      })
      .returning({ id: modelVersions.id });
    return { id: row!.id, version, created: true };
  });
}
