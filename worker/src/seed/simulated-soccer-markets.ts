/**
 * SIMULATED prices of every soccer match market for the demo data: two more simulated books quote each upcoming
 * simulated match's 1X2, totals (2.5 and a quarter line), Asian handicap (the main line — often a quarter line —
 * and its nearest half line), both teams to score and draw-no-bet, so the fixture page shows every market with
 * more than one book's price, margin and EV, and the value finder has soccer prices to search.
 *
 * Each book prices from its own noisy view of the match's true goal rates (independent Poisson, ρ = 0) with its own
 * margin, so the books disagree with each other and with the fitted model. The original simulated book keeps
 * quoting 1X2 only. Its own random stream, written after everything else: nothing else in the demo data changes.
 */
import { seedBookmaker, seedOdds, type SeedOddsRow, type Tx } from '@fairline/db';
import { pricing, soccer } from '@fairline/ml';
import { normal } from './rng.ts';

const DAY = 86_400_000;
/** The books and their margins (sum of implied probabilities − 1). */
const BOOKS = [
  { key: 'sim_book_b', name: 'Simulated Book B', margin: 0.05 },
  { key: 'sim_book_c', name: 'Simulated Book C', margin: 0.035 },
] as const;
/** Home handicaps the model's market book prices (ml market-book defaults), so every quoted line can be tracked. */
const HANDICAPS = [-2, -1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5];
const HALF_HANDICAPS = [-1.5, -0.5, 0.5, 1.5];

/** An upcoming simulated match and its true expected goals. */
export interface SimulatedSoccerMatch {
  fixtureId: number;
  kickoff: Date;
  rates: { home: number; away: number };
}

const nearest = (xs: readonly number[], x: number) => xs.reduce((best, v) => (Math.abs(v - x) < Math.abs(best - x) ? v : best));
/** A book's price of a side with zero-margin price `fair`, after margin `m`, to cents (never below 1.01). */
const withMargin = (fair: number, m: number) => Math.max(1.01, Math.round((100 * fair) / (1 + m)) / 100);

/** Seeds the books' prices (see the file comment); returns how many odds rows it wrote. */
export async function seedSimulatedSoccerMarkets(tx: Tx, rand: () => number, matches: readonly SimulatedSoccerMatch[]): Promise<number> {
  const rows: SeedOddsRow[] = [];
  for (const book of BOOKS) {
    const bookmakerId = await seedBookmaker(tx, book.key, book.name);
    for (const g of matches) {
      // The book's own view: each rate off the truth by about 8 %.
      const rates = { home: g.rates.home * Math.exp(0.08 * normal(rand)), away: g.rates.away * Math.exp(0.08 * normal(rand)), rho: 0 };
      const grid = soccer.scoreGrid(rates, 15);
      const capturedAt = new Date(g.kickoff.getTime() - 2 * DAY);
      const row = (market: SeedOddsRow['market'], selection: string, line: number | null, fair: number) =>
        rows.push({ fixtureId: g.fixtureId, bookmakerId, market, selection, line, price: withMargin(fair, book.margin), capturedAt, source: 'simulated' });
      const x12 = soccer.matchOdds(grid);
      for (const s of ['home', 'draw', 'away'] as const) row('1x2', s, null, pricing.fairPrice(x12[s]));
      const expectedTotal = rates.home + rates.away;
      for (const line of [2.5, expectedTotal > 2.6 ? 2.75 : 2.25]) {
        const t = soccer.totals(grid, line);
        row('totals', 'over', line, t.over.fairPrice);
        row('totals', 'under', line, t.under.fairPrice);
      }
      // Asian handicap: stored as each side's own handicap (home h, away −h), like the odds feeds.
      const main = nearest(HANDICAPS, rates.away - rates.home);
      for (const h of new Set([main, nearest(HALF_HANDICAPS, main)])) {
        const ah = soccer.asianHandicap(grid, h);
        row('asian_handicap', 'home', h, ah.home.fairPrice);
        row('asian_handicap', 'away', pricing.flipHandicap(h), ah.away.fairPrice);
      }
      const btts = soccer.bothTeamsToScore(grid);
      row('btts', 'yes', null, pricing.fairPrice(btts.yes));
      row('btts', 'no', null, pricing.fairPrice(btts.no));
      const dnb = soccer.drawNoBet(grid);
      row('draw_no_bet', 'home', null, pricing.fairPrice(dnb.home));
      row('draw_no_bet', 'away', null, pricing.fairPrice(dnb.away));
    }
  }
  await seedOdds(tx, rows);
  return rows.length;
}
