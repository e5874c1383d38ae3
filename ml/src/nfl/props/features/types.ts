import type { TeamContext } from '../../games.ts';
import type { TeamRolling } from '../team-games.ts';
import type { WeeklyTable } from '../weekly.ts';

/** Everything a feature builder may read: the player table, pre-game lines and team rolling context. */
export interface FeatureEnv {
  table: WeeklyTable;
  contexts: ReadonlyMap<string, TeamContext>;
  teams: TeamRolling;
}

/** A named, versioned block of feature columns; `fill` writes row i's values at out[offset..offset+names.length). */
export interface FeatureBlock {
  id: string;
  version: number;
  names: readonly string[];
  fill(env: FeatureEnv, i: number, out: Float64Array, offset: number): void;
}
