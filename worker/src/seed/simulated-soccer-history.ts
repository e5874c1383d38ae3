/**
 * SIMULATED past seasons of the demo soccer league, so the soccer GBDT variants (soccer_model, soccer_ensemble) can be
 * trained on the demo: three years of weekly rounds of the same ten teams before the current season, each match with
 * a result, shots on target and a simulated sharp book's pre-close 1X2 (bookmaker key `pinnacle`, the reference book
 * the GBDT's reads use — db/src/queries/soccer-prices.ts; named "Simulated Sharp Book"). The sharp book also quotes
 * the current season's upcoming matches (its margin-free copy of the demo book's price at a 2.5 % margin) so the
 * ensemble has a pre-close price to serve with. Then the platform's own retrain verb fits, files and gates both kinds
 * for the league (no active version yet, so both go live) — the fixture page shows the ensemble and its explanation.
 *
 * Why three years: training needs a year of Dixon–Coles warm-up, then ≥ MIN_GBDT_ROWS priced rows before the gate's
 * window of the latest matches (services/soccer/gbdt.ts). Drawn from its own random stream (fixed seed), so the rest of
 * the demo data is unchanged. Not part of `seedSimulatedData` (the tests' databases stay as they are): `npm start`
 * runs it after the /models history (which walks the current season's rounds only), once.
 */
import {
  currentPrices, listModelVersions, seedBookmaker, seedFixture, seedOdds, seedSeason, soccerResultsWithPrices, upcomingSoccerFixtures,
  type PoolDb, type SeedOddsRow,
} from '@fairline/db';
import type { Ctx } from '../context.ts';
import { silentLogger } from '../lib/logger.ts';
import { retrainModels, type RetrainRun } from '../services/models/retrain/retrain.ts';
import { soccerScope } from '../services/soccer/model.ts';
import { mulberry32, normal, poisson } from './rng.ts';
import { approx1x2, DEMO_SEED } from './simulated.ts';

const SEED = 20261205;
const DAY = 86_400_000;
const CODE = 'SIM-SOC';
/** Weekly rounds of history (three years) and the break before the current season. */
const WEEKS = 156;
const BREAK_WEEKS = 4;
/** The sharp book's margin (a low-margin book, as the real reference is). */
const SHARP_MARGIN = 1.025;

/** Decimal 1X2 at `margin` of probabilities perturbed by the book's own estimation noise (log-odds, sd `noise`). */
function sharpPrices(rand: () => number, p: readonly number[], noise: number): number[] {
  const w = p.map((q) => q * Math.exp(normal(rand) * noise));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((q) => Math.round((1 / ((q / s) * SHARP_MARGIN)) * 1000) / 1000);
}

/** What the seeding did: fixtures written and the retrain's slots (empty when it had already run). */
export interface SimulatedSoccerHistorySeed {
  fixtures: number;
  runs: RetrainRun[];
}

/** Seeds the league's past seasons and trains its GBDT variants (see the file comment); idempotent. */
export async function seedSimulatedSoccerHistory(db: PoolDb, now = Date.now()): Promise<SimulatedSoccerHistorySeed> {
  const upcoming = (await upcomingSoccerFixtures(db, new Date(now), new Date(now + 365 * DAY))).filter((f) => f.code === CODE);
  if (upcoming.length === 0) return { fixtures: 0, runs: [] };
  const competitionId = upcoming[0]!.competitionId;
  const current = await soccerResultsWithPrices(db, competitionId, new Date(now), 365);
  const seasonStart = (current[0]?.kickoffAt ?? upcoming[0]!.kickoffAt).getTime();
  const seeded = (await soccerResultsWithPrices(db, competitionId, new Date(seasonStart), 6 * 365)).length > 0;
  let written = 0;
  if (!seeded) written = await seedHistory(db, competitionId, upcoming, seasonStart, now);

  const scope = soccerScope(CODE);
  if ((await listModelVersions(db, { kind: 'soccer_ensemble', scope, limit: 1 })).length > 0) return { fixtures: written, runs: [] };
  const ctx: Ctx = { db, read: db, cache: null, clock: () => new Date(now), logger: silentLogger, fetch };
  // The demo league holds a fraction of a real league's matches (≈ 400 priced training rows against ≈ 2,000): at the tuned
  // leaf minimum (minChildWeight 100, ml GBDT_DEFAULTS) no tree can split, the ensemble is the market and explains
  // nothing. Its stored parameters scale the minimum down with the data (GBDT_BASE's 20) — the retrain's own override.
  const config = { soccer_ensemble: { params: { minChildWeight: 20 } } };
  const { runs } = await retrainModels({ ctx, input: { kinds: ['soccer_model', 'soccer_ensemble'], scopes: [scope], config } });
  return { fixtures: written, runs };
}

async function seedHistory(db: PoolDb, competitionId: number, upcoming: Awaited<ReturnType<typeof upcomingSoccerFixtures>>, seasonStart: number, now: number): Promise<number> {
  const rand = mulberry32(SEED);
  const teams = [...new Set(upcoming.flatMap((f) => [f.homeTeamId, f.awayTeamId]))].sort((a, b) => a - b);
  // The sharp book's quotes of the upcoming matches: the demo book's price, margin removed, at the sharp margin.
  const upcomingQuotes = await Promise.all(upcoming.map(async (f) => ({ f, prices: (await currentPrices(db, f.id, ['1x2'])).filter((p) => p.bookmaker === 'sim_book') })));
  return db.transaction(async (tx) => {
    const bookId = await seedBookmaker(tx, 'pinnacle', 'Simulated Sharp Book');
    const odds: SeedOddsRow[] = [];
    for (const { f, prices } of upcomingQuotes) {
      const q = (s: string) => prices.find((p) => p.selection === s)?.price;
      const [h, d, a] = [q('home'), q('draw'), q('away')];
      if (!h || !d || !a) continue;
      const inv = [1 / h, 1 / d, 1 / a];
      const s = inv[0]! + inv[1]! + inv[2]!;
      const sharp = sharpPrices(rand, inv.map((x) => x / s), 0.02);
      const capturedAt = new Date(Math.min(now - 3_600_000, f.kickoffAt.getTime() - DAY));
      (['home', 'draw', 'away'] as const).forEach((selection, i) =>
        odds.push({ fixtureId: f.id, bookmakerId: bookId, market: '1x2', selection, price: sharp[i]!, capturedAt, source: 'simulated' }),
      );
    }
    // The teams' ratings now are the current season's (simulated.ts draws them first from its seed, in team order): the
    // past is a random walk back from them, so the history and this season's books describe the same league and
    // recent results say more than old ones.
    const demo = mulberry32(DEMO_SEED);
    const now0 = { attack: teams.map(() => normal(demo) * 0.25), defence: teams.map(() => normal(demo) * 0.25) };
    const ratings: Array<{ attack: number[]; defence: number[] }> = [];
    for (let w = WEEKS - 1, r = now0; w >= 0; w--) {
      r = { attack: r.attack.map((x) => x + normal(rand) * 0.015), defence: r.defence.map((x) => x + normal(rand) * 0.015) };
      ratings[w] = r;
    }
    const rounds = doubleRoundRobin(teams.length);
    const first = seasonStart - (WEEKS + BREAK_WEEKS) * 7 * DAY;
    let count = 0;
    let seasonId = 0;
    for (let w = 0; w < WEEKS; w++) {
      if (w % 52 === 0) seasonId = await seedSeason(tx, competitionId, `SIM-PREV-${3 - w / 52}`);
      const { attack, defence } = ratings[w]!;
      const kickoff = new Date(first + w * 7 * DAY);
      for (const [h, a] of rounds[w % rounds.length]!) {
        const muH = Math.exp(0.35 + attack[h]! - defence[a]!);
        const muA = Math.exp(0.1 + attack[a]! - defence[h]!);
        const [homeScore, awayScore] = [poisson(rand, muH), poisson(rand, muA)];
        const fixtureId = await seedFixture(tx, {
          sport: 'soccer', competitionId, seasonId, naturalKey: `${CODE}:PREV:${w + 1}:${teams[h]}:${teams[a]}`,
          homeTeamId: teams[h]!, awayTeamId: teams[a]!, kickoffAt: kickoff, week: (w % 52) + 1, status: 'final', homeScore, awayScore,
          // Shots on target: the goals plus the saved ones (about 2.3 per expected goal).
          homeShotsOnTarget: homeScore + poisson(rand, 2.3 * muH), awayShotsOnTarget: awayScore + poisson(rand, 2.3 * muA),
        });
        count++;
        const p = approx1x2(muH, muA);
        const sharp = sharpPrices(rand, [p.home, p.draw, p.away], 0.05);
        (['home', 'draw', 'away'] as const).forEach((selection, i) =>
          odds.push({ fixtureId, bookmakerId: bookId, market: '1x2', selection, price: sharp[i]!, capturedAt: new Date(kickoff.getTime() - DAY), source: 'simulated' }),
        );
      }
    }
    for (let i = 0; i < odds.length; i += 2000) await seedOdds(tx, odds.slice(i, i + 2000));
    return count;
  });
}

/** Circle-method double round robin: 2(n-1) rounds of n/2 pairings (team indexes, home first), n even. */
function doubleRoundRobin(n: number): Array<Array<[number, number]>> {
  const idx = Array.from({ length: n }, (_, i) => i);
  const rounds: Array<Array<[number, number]>> = [];
  for (let r = 0; r < n - 1; r++) {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < n / 2; i++) pairs.push(r % 2 === 0 ? [idx[i]!, idx[n - 1 - i]!] : [idx[n - 1 - i]!, idx[i]!]);
    rounds.push(pairs);
    idx.splice(1, 0, idx.pop()!);
  }
  return [...rounds, ...rounds.map((r) => r.map(([h, a]) => [a, h] as [number, number]))];
}
