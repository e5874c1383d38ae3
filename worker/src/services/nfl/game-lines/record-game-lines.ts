/**
 * Store a fitted game-lines model: ONE candidate in the model registry (kind `nfl_game_lines`, scope `nfl`, next
 * version number) with its config, metrics and artifact. Idempotent: re-recording an
 * identical artifact reuses its version (its metrics are left as first recorded). One transaction; version
 * numbering is serialised per kind/scope across concurrent runs.
 */
import { GAME_LINES_TAG, GAME_LINES_VERSION, loadGameLines } from '@fairline/ml/nfl/game-lines/index';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { fileCandidateIn, type FiledVersion } from '../../models/registry.ts';
import { GAME_LINES_KIND, GAME_LINES_SCOPE } from './model-version.ts';

/**
 * A fitted game-lines model to file: `artifact`, a `fairline.props.game-lines` v2 artifact (GAME_LINES_TAG,
 * GAME_LINES_VERSION) that loadGameLines accepts; `config`, free-form settings (default {}); `metrics`, name → finite
 * number; `trainedFrom` / `trainedTo`, the training window's dates (optional).
 */
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

/** The filed candidate. */
export type RecordGameLinesResult = FiledVersion;

/**
 * Checks a game-lines artifact (tag, version, and that it loads) and files it as a candidate `nfl_game_lines` version
 * of scope `nfl` — served only once activated. Idempotent: an identical artifact returns its version with
 * `created: false`. BAD_REQUEST for an invalid artifact or metrics.
 */
export async function recordGameLines({ ctx, input }: { ctx: Ctx; input: RecordGameLinesInput }): Promise<RecordGameLinesResult> {
  const parsed = recordGameLinesInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid game-lines model: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const run = parsed.data;
  try {
    loadGameLines(run.artifact);
  } catch (err) {
    throw new AppError('BAD_REQUEST', `invalid game-lines model: ${err instanceof Error ? err.message : String(err)}`);
  }
  return ctx.db.transaction((tx) =>
    fileCandidateIn(tx, {
      kind: GAME_LINES_KIND, scope: GAME_LINES_SCOPE, config: run.config, featureColumns: [], metrics: run.metrics, artifact: run.artifact,
      trainedFrom: run.trainedFrom, trainedTo: run.trainedTo,
    }),
  );
}
