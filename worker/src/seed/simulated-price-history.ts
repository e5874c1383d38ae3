/**
 * SIMULATED 1X2 price history for the demo data: for each upcoming simulated soccer fixture, five earlier quotes of
 * the simulated book (seven to three days before kick-off, a day apart) drifting towards the current price (the
 * seed's quote two days before kick-off, which stays the latest and so the current one) — so the fixture page's
 * odds-movement chart has a history to draw. Its own random stream, written after everything else: nothing else
 * in the demo data changes.
 */
import { seedOdds, type SeedOddsRow, type Tx } from '@fairline/db';
import { normal } from './rng.ts';

const DAY = 86_400_000;
/** Days before kick-off of the history's quotes (the current quote is two days before). */
const HISTORY_DAYS = [7, 6, 5, 4, 3];

export interface SimulatedCurrentQuote {
  fixtureId: number;
  kickoff: Date;
  /** The current decimal prices, by selection (home, draw, away). */
  prices: Record<'home' | 'draw' | 'away', number>;
}

/** Seeds the price history (see the file comment); returns how many odds rows it wrote. */
export async function seedSimulatedPriceHistory(tx: Tx, rand: () => number, bookmakerId: number, quotes: readonly SimulatedCurrentQuote[]): Promise<number> {
  const rows: SeedOddsRow[] = [];
  for (const q of quotes) {
    for (const selection of ['home', 'draw', 'away'] as const) {
      // A random walk in log price, walked backwards from the current price: about 2 % a day.
      let log = Math.log(q.prices[selection]);
      for (const days of [...HISTORY_DAYS].reverse()) {
        log += 0.02 * normal(rand);
        const price = Math.max(1.01, Math.round(Math.exp(log) * 100) / 100);
        rows.push({ fixtureId: q.fixtureId, bookmakerId, market: '1x2', selection, price, capturedAt: new Date(q.kickoff.getTime() - days * DAY), source: 'simulated' });
      }
    }
  }
  await seedOdds(tx, rows);
  return rows.length;
}
