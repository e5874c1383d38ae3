/**
 * Projection records ready to store: one per player-game and market, keyed by the nflverse game_id and the
 * player's gsis id (the natural keys of fixtures and players), with the centre and the parameters of the
 * predictive distribution at that centre (its shape lives in the model artifact).
 */
import { scaleAt, type ScaledResidual } from './distributions/scaled-residual.ts';
import { buildFeatures, type FeatureEnv } from './features/index.ts';
import { MARKETS } from './markets.ts';
import { contextKey } from '../games.ts';
import { project, type PropModel } from './model.ts';

/** A type alias (not an interface) so it is assignable to JSON-record types such as a jsonb column's. */
export type ProjectionDistribution = {
  kind: 'scaled-residual' | 'bernoulli';
  mu: number;
  /** s(μ) of the scaled-residual law (absent for yes/no markets). */
  scale?: number;
  median: number;
  q10: number | null;
  q90: number | null;
};

export interface ProjectionRecord {
  gameId: string;
  playerExternalId: string;
  playerName: string;
  market: string;
  mean: number;
  distribution: ProjectionDistribution;
  /**
   * The row's features in the model's column order (null = missing): what the GBDT saw, kept so the API can explain
   * the projection (TreeSHAP) and the monitoring can compare live rows with the training distribution (PSI).
   */
  features: Array<number | null>;
}

/**
 * One storable record per row of `rows`: the player-game's natural keys, the centre and the predictive law at it.
 */
export function projectionRecords(model: PropModel, env: FeatureEnv, rows: ArrayLike<number>): ProjectionRecord[] {
  const t = env.table;
  const X = buildFeatures(env, MARKETS[model.market].family, rows);
  const proj = project(model, env, rows, X);
  const out: ProjectionRecord[] = [];
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const c = env.contexts.get(contextKey(t.season[i]!, t.week[i]!, t.team[i]!));
    if (!c) continue; // no game row to tie the projection to
    const p = proj[r]!;
    const d: ScaledResidual | null = model.distribution;
    out.push({
      gameId: c.gameId,
      playerExternalId: t.playerId[i]!,
      playerName: t.playerName[i]!,
      market: model.market,
      mean: p.mu,
      distribution: d
        ? { kind: 'scaled-residual', mu: p.mu, scale: scaleAt(d, p.mu), median: p.median, q10: p.q10, q90: p.q90 }
        : { kind: 'bernoulli', mu: p.mu, median: p.median, q10: null, q90: null },
      features: Array.from(X.values.subarray(r * X.cols, (r + 1) * X.cols), (x) => (x === x ? x : null)),
    });
  }
  return out;
}
