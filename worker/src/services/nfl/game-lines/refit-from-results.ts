/**
 * The scheduled refit of the game-lines model from the database: every finished NFL game of the latest
 * `SEASONS` seasons with its nflverse closing spread and total (what the daily results job ingests), fitted
 * with `fitGameLines`, filed as a candidate with its walk-forward score on the latest season, and passed through the
 * promotion gate (services/models/gate.ts) — in one transaction. Refits only when the results or lines changed since
 * the active version (its `dataStamp`: the number of finished games with lines, their latest update and the newest
 * line row), so the daily tick is a cheap no-op in between.
 * A fit the same as a stored version (same artifact) reuses that version and records the data it now stands for.
 */
import { activeModelVersion } from '@fairline/db';
import type { Ctx } from '../../../context.ts';
import { SYSTEM_ACTOR } from '../../audit/index.ts';
import { gameLinesCandidate, gameLinesData, SEASONS } from '../../models/retrain/game-lines.ts';
import { fileAndGate } from '../../models/retrain/retrain.ts';
import { isSkip } from '../../models/retrain/types.ts';
import { GAME_LINES_KIND, GAME_LINES_SCOPE } from './model-version.ts';

export { SEASONS };

export interface RefitGameLinesResult {
  games: number;
  seasons: number[];
  /**
   * `unchanged`: no new results since the live version; `too-few-games`: below MIN_GAMES; `refitted`: the new
   * version went live through the gate; `refused`: the gate kept the live version (the new one stays a candidate).
   */
  outcome: 'unchanged' | 'too-few-games' | 'refitted' | 'refused';
  version?: { id: number; version: number; created: boolean };
}

/** Refits the game-lines model on the database's finished games and closing lines when they changed, and gates it. */
export async function refitGameLinesFromResults({ ctx }: { ctx: Ctx }): Promise<RefitGameLinesResult> {
  const data = await gameLinesData(ctx);
  const recent = data.allSeasons.slice(-SEASONS);
  const games = data.games.filter((g) => recent.includes(g.season)).length;
  const trained = gameLinesCandidate(data);
  if (isSkip(trained)) return { games, seasons: recent, outcome: 'too-few-games' };
  const active = await activeModelVersion(ctx.read, GAME_LINES_KIND, GAME_LINES_SCOPE);
  if (active?.config.dataStamp === data.dataStamp) return { games, seasons: recent, outcome: 'unchanged' };
  // fileAndGate records the data stamp on a reused version (the same fit as one on file).
  const { filed, gate } = await fileAndGate(ctx, trained, { actor: SYSTEM_ACTOR, at: ctx.clock() });
  return { games, seasons: recent, outcome: gate.outcome === 'refused' ? 'refused' : 'refitted', version: filed };
}
