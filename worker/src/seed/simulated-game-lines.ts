/**
 * SIMULATED NFL game lines for the demo data: a game-lines model version (the real kind the API prices with,
 * ml/src/nfl/game-lines) fitted on games drawn from this seed's own generating process (simulated.ts) — the
 * simulated season itself has far fewer than the 200 played games a fit needs — and, for every simulated NFL
 * game, a moneyline from the seed's book plus a second simulated book with its own main spread and total
 * (sometimes half a point off the first book's), alternate lines and a moneyline, so the consensus line,
 * alternates and EV are visible. Nothing here is a real model or a real price: the model version's config,
 * metrics and artifact say `simulated`.
 */
import { pricing } from '@fairline/ml';
import { fitGameLines, lineOdds, marginLaw, serializeGameLines, totalLaw, type GameLinesModel } from '@fairline/ml/nfl/game-lines/index';
import type { NflGame } from '@fairline/ml/nfl/games';
import { seedBookmaker, seedModelVersion, seedOdds, type SeedOddsRow, type Tx } from '@fairline/db';
import { normal } from './rng.ts';

const DAY = 86_400_000;
/** Simulated games (3 "seasons" of 100) the demo model is fitted on: above the fit's 200-game minimum, and quick (the seed runs at every first start and in test suites). */
const SEASONS = 3;
const GAMES_PER_SEASON = 100;
/** The seed book's game total (simulated.ts quotes every game at this line). */
export const SIM_TOTAL_LINE = 44.5;

export interface SimulatedNflGame {
  fixtureId: number;
  kickoff: Date;
  /** The seed book's spread as a home MARGIN line (positive = home favoured). */
  marginLine: number;
}

/**
 * One game of the seed's generating process: a true home margin mean `spread`, a margin of that plus
 * N(0, 13²), a total of N(44, 10²) (at least 10), split into two scores. simulated.ts draws its season with it.
 */
export function simulateNflScore(rand: () => number, spread: number): { homeScore: number; awayScore: number } {
  const margin = Math.round(spread + normal(rand) * 13);
  const total = Math.max(10, Math.round(44 + normal(rand) * 10));
  const homeScore = Math.max(0, Math.round((total + margin) / 2));
  return { homeScore, awayScore: Math.max(0, total - homeScore) };
}

const half = (x: number) => Math.round(x * 2) / 2;
const plain = (x: number) => (x === 0 ? 0 : x);
/** A book's price for a side of fair probability `p` with margin `m`, to cents. */
const priced = (p: number, m: number) => Math.max(1.01, Math.round(100 / (p * (1 + m))) / 100);

function simulatedTrainingGames(rand: () => number): NflGame[] {
  const games: NflGame[] = [];
  for (let s = 1; s <= SEASONS; s++) {
    for (let k = 0; k < GAMES_PER_SEASON; k++) {
      const spread = normal(rand) * 4 - normal(rand) * 4 + 2;
      const { homeScore, awayScore } = simulateNflScore(rand, spread);
      games.push({
        gameId: `SIM_${s}_${k}`, season: s, week: 1, postseason: false, gameday: '', home: 'SIM_H', away: 'SIM_A', homeField: 1,
        homeScore, awayScore, spread: half(spread), total: SIM_TOTAL_LINE, homeMoneyline: NaN, awayMoneyline: NaN,
        homeRest: 7, awayRest: 7, divisional: 0, indoors: 0, wind: NaN, temp: NaN,
      });
    }
  }
  return games;
}

/** P(home wins | not a tie) under the model centred on a margin line. */
function homeWin(model: GameLinesModel, marginLine: number) {
  const o = lineOdds(marginLaw(model, marginLine), 0);
  return o.over / (o.over + o.under);
}

/** Seeds the simulated game-lines model and the books' lines; returns how many prices it wrote. */
export async function seedSimulatedGameLines(tx: Tx, rand: () => number, games: readonly SimulatedNflGame[], seedBookId: number): Promise<number> {
  const model = fitGameLines(simulatedTrainingGames(rand), Array.from({ length: SEASONS }, (_, s) => s + 1));
  await seedModelVersion(tx, {
    kind: 'nfl_game_lines', scope: 'nfl', version: 1, status: 'active',
    config: { simulated: true, note: `SIMULATED: fitted on ${model.games} games drawn from the demo seed's generating process, not real NFL games` },
    metrics: { simulated: 1, trainGames: model.games, marginSigma: model.marginSigma, totalSigma: model.totalSigma },
    artifact: { ...serializeGameLines(model), simulated: true },
  });
  const bookB = await seedBookmaker(tx, 'sim_book_b', 'Simulated Book B');
  const rows: SeedOddsRow[] = [];
  for (const g of games) {
    const row = (bookmakerId: number, market: 'spread' | 'game_total' | 'moneyline', selection: string, line: number | null, price: number) =>
      rows.push({ fixtureId: g.fixtureId, bookmakerId, market, selection, line, price, capturedAt: new Date(g.kickoff.getTime() - DAY), source: 'simulated' });
    const spreadSides = (bookmakerId: number, marginLine: number, home: number, away: number) => {
      row(bookmakerId, 'spread', 'home', pricing.flipHandicap(marginLine), home);
      row(bookmakerId, 'spread', 'away', plain(marginLine), away);
    };
    // The seed book's moneyline, consistent with its spread.
    const pA = homeWin(model, g.marginLine);
    row(seedBookId, 'moneyline', 'home', null, priced(pA, 0.045));
    row(seedBookId, 'moneyline', 'away', null, priced(1 - pA, 0.045));
    // Book B: its own main spread (at most half a point off), alternates a point and a half either side priced
    // from its own view, its main total (at most a point off) with one alternate, and a moneyline it shades.
    const lineB = g.marginLine + half(normal(rand) * 0.4);
    spreadSides(bookB, lineB, 1.91, 1.91);
    for (const alt of [lineB - 1.5, lineB + 1.5]) {
      const o = lineOdds(marginLaw(model, lineB), alt);
      spreadSides(bookB, alt, priced(o.over / (o.over + o.under), 0.05), priced(o.under / (o.over + o.under), 0.05));
    }
    const totalB = SIM_TOTAL_LINE + half(normal(rand) * 0.6);
    row(bookB, 'game_total', 'over', totalB, 1.91);
    row(bookB, 'game_total', 'under', totalB, 1.91);
    const altTotal = totalB - 3;
    const t = lineOdds(totalLaw(model, totalB), altTotal);
    row(bookB, 'game_total', 'over', altTotal, priced(t.over / (t.over + t.under), 0.05));
    row(bookB, 'game_total', 'under', altTotal, priced(t.under / (t.over + t.under), 0.05));
    const pB = Math.min(0.97, Math.max(0.03, homeWin(model, lineB) + 0.03 * normal(rand)));
    row(bookB, 'moneyline', 'home', null, priced(pB, 0.04));
    row(bookB, 'moneyline', 'away', null, priced(1 - pB, 0.04));
  }
  await seedOdds(tx, rows);
  return rows.length;
}
