/**
 * SIMULATED trees for the demo's prop models, so the demo shows what a real GBDT-backed projection answers: its
 * explanation (TreeSHAP top factors) and its drift report. The seed's projections are a function of the simulated
 * team's rating (simulated-props.ts), so the "model" here is a small GBDT fitted to exactly that function over the
 * demo's upcoming games (two inputs: the team's and the opponent's simulated rating), whose predictions equal the
 * seeded centres to within a few ten-thousandths of a unit (float32 leaves) — the stored projections and prices are
 * unchanged, and the explanation says what the simulation does: the team's rating moves the projection, the
 * opponent's does not. Deterministic and draw-free (the seed's random stream is untouched).
 */
import { insertModelInputs, type NewModelInput, type Tx } from '@fairline/db';
import { trainGbdt, type GbdtArtifact } from '@fairline/ml/gbdt/index';
import { featureProfile, type FeatureProfile } from '@fairline/ml/metrics/index';
import type { SimulatedGame } from './simulated-props.ts';

/** The demo model's two inputs (labels derive from the names: "simulated team rating"). */
export const SIMULATED_PROP_FEATURES = ['simulated_team_rating', 'simulated_opponent_rating'];

/** What a simulated prop artifact gains: the feature list, the centre trees and the training profile. */
export interface SimulatedPropTrees {
  featureNames: string[];
  centre: GbdtArtifact[];
  featureProfile: FeatureProfile;
}

/** Each upcoming game side's inputs: its rating and the other side's. */
function sideRows(games: readonly SimulatedGame[]) {
  return games.flatMap((g) => g.sides.map((side, k) => ({ game: g, side, features: [side.rating, g.sides[1 - k]?.rating ?? 0] })));
}

/**
 * Trees reproducing `centre(rating)` over the games' sides (one squared-loss tree per round at learning rate 1, deep
 * enough for a leaf per team; lambda and minimum child weight near zero so leaves take the exact means, yet not zero,
 * which would leave empty leaves undefined).
 */
export function simulatedPropTrees(centre: (rating: number) => number, games: readonly SimulatedGame[]): SimulatedPropTrees {
  const rows = sideRows(games);
  const features = rows.map((r) => r.features);
  const model = trainGbdt({
    features, featureNames: SIMULATED_PROP_FEATURES, label: rows.map((r) => centre(r.side.rating)),
    params: { objective: 'squared', trees: 3, maxDepth: 8, learningRate: 1, lambda: 1e-9, minChildWeight: 1e-9, subsample: 1, colsample: 1, maxBins: 256 },
    createdAt: '1970-01-01T00:00:00.000Z',
  });
  const X = { values: Float64Array.from(features.flat()), rows: rows.length, cols: SIMULATED_PROP_FEATURES.length };
  return { featureNames: SIMULATED_PROP_FEATURES, centre: [model.toJSON()], featureProfile: featureProfile(X, SIMULATED_PROP_FEATURES) };
}

/** Stores each side's inputs as the feature row of its projected player (the QB for passing yards, else the WR). */
export async function seedSimulatedPropInputs(tx: Tx, modelVersionId: number, market: string, games: readonly SimulatedGame[]): Promise<void> {
  const rows: NewModelInput[] = sideRows(games).map((r) => ({
    modelVersionId, fixtureId: r.game.fixtureId, playerId: market === 'passing_yards' ? r.side.qb : r.side.wr, market, features: r.features,
  }));
  await insertModelInputs(tx, rows);
}
