/**
 * SIMULATED prices of a second book on the demo's player props: for every line the simulated book quotes
 * (simulated-props.ts), Simulated Book B quotes the SAME line at its own over/under prices — shaded a few cents one
 * way or the other around the first book's 1.91/1.91 with a similar margin — so the props board has a best price
 * per player and market to find across books. The same line keeps "the book's line" of a player page one number.
 * Its own random stream, written after everything else: nothing else in the demo data changes.
 */
import { seedBookmaker, seedOdds, type SeedOddsRow, type Tx } from '@fairline/db';
import { normal } from './rng.ts';
import type { SimulatedPropLine } from './simulated-props.ts';

const DAY = 86_400_000;
/** Book B's margin on a two-way prop (the first book's 1.91/1.91 is about 4.7 %). */
const MARGIN = 0.045;

/** Seeds Book B's prop prices (see the file comment); returns how many odds rows it wrote. */
export async function seedSimulatedPropBooks(tx: Tx, rand: () => number, lines: readonly SimulatedPropLine[]): Promise<number> {
  const bookmakerId = await seedBookmaker(tx, 'sim_book_b', 'Simulated Book B');
  const rows: SeedOddsRow[] = [];
  for (const l of lines) {
    // The book's P(over) about 50 %, off by a few points: the cheaper side is the other book's better price.
    const over = Math.min(0.6, Math.max(0.4, 0.5 + 0.03 * normal(rand)));
    const capturedAt = new Date(l.kickoff.getTime() - DAY);
    for (const [selection, p] of [['over', over], ['under', 1 - over]] as const) {
      const price = Math.max(1.01, Math.round(100 / (p * (1 + MARGIN))) / 100);
      rows.push({ fixtureId: l.fixtureId, bookmakerId, market: 'player_prop', selection, line: l.line, playerId: l.playerId, prop: l.prop, price, capturedAt, source: 'simulated' });
    }
  }
  await seedOdds(tx, rows);
  return rows.length;
}
