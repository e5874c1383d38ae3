/**
 * SIMULATED player props for the demo data: for each upcoming game of the simulated NFL season, a
 * passing-yards projection per quarterback and receiving-yards and receptions projections per receiver, from
 * clearly labelled simulated model versions, and one simulated book's over/under line beside each. The
 * predictive laws are the real kind the API prices (ml/src/nfl/props scaled residual), fitted on draws from this
 * seed's own generating process (simulated.ts), with an identity calibration. Nothing here is a real model
 * or a real price: every artifact and config says `simulated: true`.
 */
import { scaledResidual as sr } from '@fairline/ml/nfl/props/index';
import { seedModelVersion, seedOdds, seedProjections, type SeedOddsRow, type SeedProjectionRow, type Tx } from '@fairline/db';
import { normal } from './rng.ts';
import { seedSimulatedPropInputs, simulatedPropTrees } from './simulated-prop-trees.ts';

const DAY = 86_400_000;
/** Draws per market for fitting each simulated law. */
const DRAWS = 4000;
const IDENTITY = { x: [0, 1], y: [0, 1] };

export interface SimulatedGame {
  fixtureId: number;
  kickoff: Date;
  /** Per side: the team's simulated rating and its QB and WR player ids. */
  sides: Array<{ rating: number; qb: number; wr: number }>;
}

interface SimMarket {
  market: 'passing_yards' | 'receiving_yards' | 'receptions';
  /** The odds feed's prop key (worker/src/services/props/prop-keys.ts). */
  prop: string;
  discrete: boolean;
  centre: (rating: number) => number;
  /** One outcome of the seed's generating process around a centre. */
  draw: (rand: () => number, centre: number) => number;
}

// The same processes as the simulated box scores in simulated.ts, around a rating-shifted centre.
const MARKETS: SimMarket[] = [
  {
    market: 'passing_yards', prop: 'pass_yds', discrete: false,
    centre: (r) => 241 + 4 * r,
    draw: (rand, c) => Math.max(40, Math.round(c + 42.6 * normal(rand) + 45 * normal(rand))),
  },
  {
    market: 'receiving_yards', prop: 'reception_yds', discrete: false,
    centre: (r) => 67 + 2 * r,
    draw: (rand, c) => Math.max(0, Math.round(c + 28 * normal(rand) + 18 * normal(rand))),
  },
  {
    market: 'receptions', prop: 'receptions', discrete: true,
    centre: (r) => 5.4 + 0.1 * r,
    draw: (rand, c) => Math.max(0, Math.round(c + 1.9 * normal(rand))),
  },
];

/** A prop line the simulated book quotes (other simulated books quote the same line: simulated-prop-books.ts). */
export interface SimulatedPropLine {
  fixtureId: number;
  kickoff: Date;
  playerId: number;
  prop: string;
  line: number;
}

/**
 * Seeds the simulated prop models, projections and book lines; returns how many projections it wrote, and appends
 * every line it quoted to `lines` (no draw depends on it).
 */
export async function seedSimulatedProps(tx: Tx, rand: () => number, games: readonly SimulatedGame[], bookmakerId: number, lines: SimulatedPropLine[] = []): Promise<number> {
  let count = 0;
  for (const m of MARKETS) {
    const mu = new Float64Array(DRAWS);
    const y = new Float64Array(DRAWS);
    for (let i = 0; i < DRAWS; i++) {
      mu[i] = m.centre(4 * normal(rand));
      y[i] = m.draw(rand, mu[i]!);
    }
    const law = sr.fitScaledResidual(mu, y, m.discrete, true);
    const modelVersionId = await seedModelVersion(tx, {
      kind: 'nfl_props',
      scope: `nfl:${m.market}`,
      version: 1,
      status: 'active',
      config: { simulated: true },
      metrics: {},
      // Trees reproducing the simulated centre, so the demo's projections are explained like a real model's.
      artifact: { tag: 'fairline.props.model', simulated: true, market: m.market, distribution: law, calibration: IDENTITY, ...simulatedPropTrees(m.centre, games) },
    });
    // One insert per table and market: the seed runs at every first start and in every test suite that seeds.
    const projectionRows: SeedProjectionRow[] = [];
    const priceRows: SeedOddsRow[] = [];
    for (const g of games) {
      for (const side of g.sides) {
        const centre = m.centre(side.rating);
        const playerId = m.market === 'passing_yards' ? side.qb : side.wr;
        projectionRows.push({
          modelVersionId, fixtureId: g.fixtureId, playerId, market: m.market, mean: centre,
          distribution: {
            kind: 'scaled-residual', mu: centre, scale: sr.scaleAt(law, centre), median: sr.median(law, centre),
            q10: sr.quantile(law, centre, 0.1), q90: sr.quantile(law, centre, 0.9),
          },
        });
        // The simulated book disagrees with the model a little: its line sits off the projection.
        const bookCentre = centre * (1 + 0.03 * normal(rand));
        const line = Math.max(0.5, Math.round(bookCentre - 0.5) + 0.5);
        const capturedAt = new Date(g.kickoff.getTime() - DAY);
        lines.push({ fixtureId: g.fixtureId, kickoff: g.kickoff, playerId, prop: m.prop, line });
        for (const selection of ['over', 'under'] as const) {
          priceRows.push({
            fixtureId: g.fixtureId, bookmakerId, market: 'player_prop', selection, line, playerId, prop: m.prop,
            price: 1.91, capturedAt, source: 'simulated',
          });
        }
      }
    }
    await seedProjections(tx, projectionRows);
    await seedSimulatedPropInputs(tx, modelVersionId, m.market, games);
    await seedOdds(tx, priceRows);
    count += projectionRows.length;
  }
  return count;
}
