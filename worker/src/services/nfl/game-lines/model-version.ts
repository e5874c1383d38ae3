/**
 * The game-lines model the API prices with: the registry's active `nfl_game_lines` version (scope `nfl`),
 * loaded once per isolate (artifacts are immutable). Training files a candidate; the daily refit, or an
 * operator (`admin.models.activate`, `fairline models activate`), makes a version active.
 */
import { loadGameLines, type GameLinesModel } from '@fairline/ml/nfl/game-lines/index';
import type { Ctx } from '../../../context.ts';
import { isBroken, LoadedModels, resolveActive } from '../../models/registry.ts';

/** The registry kind of the game-lines model. */
export const GAME_LINES_KIND = 'nfl_game_lines' as const;
/** The registry scope of the game-lines model: one model for the whole league. */
export const GAME_LINES_SCOPE = 'nfl';

/** The served version, loaded. */
export interface GameLinesVersion {
  id: number;
  version: number;
  status: string;
  /** A demo model (the seed's), not one fitted on real games. */
  simulated: boolean;
  model: GameLinesModel;
}

const loaded = new LoadedModels((artifact) => loadGameLines(artifact as object));

/** The active version, or null when none is active or its artifact cannot price (logged). */
export async function gameLinesVersion(ctx: Pick<Ctx, 'read' | 'logger'>): Promise<GameLinesVersion | null> {
  const v = await resolveActive({ ctx, input: { kind: GAME_LINES_KIND, scope: GAME_LINES_SCOPE } });
  if (!v) return null;
  const model = await loaded.get(ctx.read, v.id);
  if (isBroken(model)) {
    ctx.logger.warn('game lines: the active model version cannot price', { modelVersionId: v.id, why: model.broken });
    return null;
  }
  return { id: v.id, version: v.version, status: v.status, simulated: v.simulated, model };
}
