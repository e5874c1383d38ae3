/**
 * The game-lines model the API prices with: the newest usable `game-lines` / `nfl:game_lines` version — an
 * `active` one before any candidate, never a retired one — whose artifact loads (`loadGameLines`); a version
 * that does not load is logged and skipped, so a broken version never hides a usable one. Artifacts are
 * immutable once stored, so a loaded (or broken) version is kept for the isolate's lifetime.
 */
import { modelVersions, type Db } from '@fairline/db';
import { loadGameLines, type GameLinesModel } from '@fairline/ml/nfl/game-lines/index';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Logger } from '../../../lib/logger.ts';

export const GAME_LINES_KIND = 'game-lines';
export const GAME_LINES_SCOPE = 'nfl:game_lines';

export interface GameLinesVersion {
  id: number;
  version: number;
  status: string;
  /** A demo model (the seed's), not one fitted on real games. */
  simulated: boolean;
  model: GameLinesModel;
}

const loaded = new Map<number, GameLinesModel | string>();
const MAX_CACHED = 64;

/** The version to price with, or null when no stored version can price. */
export async function gameLinesVersion(db: Db, logger: Logger): Promise<GameLinesVersion | null> {
  const candidates = await db
    .select({
      id: modelVersions.id,
      version: modelVersions.version,
      status: modelVersions.status,
      simulated: sql<boolean>`coalesce(${modelVersions.config} -> 'simulated' = 'true'::jsonb, false)`,
    })
    .from(modelVersions)
    .where(and(eq(modelVersions.kind, GAME_LINES_KIND), eq(modelVersions.scope, GAME_LINES_SCOPE), ne(modelVersions.status, 'retired')))
    .orderBy(desc(sql`${modelVersions.status} = 'active'`), desc(modelVersions.version));
  for (const c of candidates) {
    let model = loaded.get(c.id);
    if (model === undefined) {
      const [row] = await db.select({ artifact: modelVersions.artifact }).from(modelVersions).where(eq(modelVersions.id, c.id));
      try {
        model = loadGameLines(row?.artifact as object);
      } catch (err) {
        model = err instanceof Error ? err.message : String(err);
      }
      if (loaded.size >= MAX_CACHED) loaded.delete(loaded.keys().next().value!);
      loaded.set(c.id, model);
    }
    if (typeof model === 'string') {
      logger.warn('game lines: model version cannot price, skipped', { modelVersionId: c.id, why: model });
      continue;
    }
    return { ...c, model };
  }
  return null;
}
