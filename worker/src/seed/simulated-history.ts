/**
 * SIMULATED previous NFL season for the demo data: two round robins of the simulated teams (14 weeks) ending before
 * the current season's first week, every game final with a box score per team's QB and WR — so each player has a
 * game log long enough for the player page's last-5 / last-10 hit rates (the current season has played only a few
 * weeks). Drawn from its own random stream after everything else, so the rest of the demo data is unchanged. No
 * odds: these games only feed game logs.
 */
import { seedFixture, seedPlayerGameStats, seedSeason, type Tx } from '@fairline/db';
import { normal, poisson } from './rng.ts';
import { simulateNflScore } from './simulated-game-lines.ts';

const DAY = 86_400_000;
/** Round robins in the previous season (7 weeks each with 8 teams). */
const CYCLES = 2;

export interface SimulatedNflHistoryInput {
  competitionId: number;
  teamIds: readonly number[];
  /** Per team, its simulated rating (points). */
  ratings: readonly number[];
  /** Per team, its QB and WR player ids. */
  roster: ReadonlyArray<{ qb: number; wr: number }>;
  /** The rounds of one round robin (pairs of team indexes, home first). */
  rounds: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Kick-off of the current season's first week: the previous season ends three weeks before it. */
  seasonStart: number;
}

/** Seeds the previous simulated NFL season (see the file comment); returns how many fixtures it wrote. */
export async function seedSimulatedNflHistory(tx: Tx, rand: () => number, input: SimulatedNflHistoryInput): Promise<number> {
  const seasonId = await seedSeason(tx, input.competitionId, 'SIM-PREV');
  const weeks = CYCLES * input.rounds.length;
  const first = input.seasonStart - (weeks + 3) * 7 * DAY;
  let count = 0;
  for (let w = 0; w < weeks; w++) {
    const kickoff = new Date(first + w * 7 * DAY);
    for (const [x, y] of input.rounds[w % input.rounds.length]!) {
      // The second round robin swaps home and away.
      const [h, a] = w < input.rounds.length ? [x, y] : [y, x];
      const { homeScore, awayScore } = simulateNflScore(rand, input.ratings[h]! - input.ratings[a]! + 2);
      const fixtureId = await seedFixture(tx, {
        sport: 'nfl', competitionId: input.competitionId, seasonId, naturalKey: `SIM-NFL:SIM-PREV:${w + 1}:${input.teamIds[h]}:${input.teamIds[a]}`,
        homeTeamId: input.teamIds[h]!, awayTeamId: input.teamIds[a]!, kickoffAt: kickoff, week: w + 1, status: 'final', homeScore, awayScore,
      });
      count++;
      for (const side of [h, a]) {
        const teamId = input.teamIds[side]!;
        const opponentTeamId = input.teamIds[side === h ? a : h]!;
        const attempts = Math.max(15, Math.round(34 + normal(rand) * 6));
        const targets = Math.max(2, Math.round(8 + normal(rand) * 2.5));
        const receptions = Math.min(targets, Math.round(targets * (0.55 + rand() * 0.25)));
        // The same box-score process as the current season's (simulated.ts).
        await seedPlayerGameStats(tx, [
          { playerId: input.roster[side]!.qb, fixtureId, teamId, opponentTeamId, position: 'QB', passAttempts: attempts, completions: Math.round(attempts * 0.64), passingYards: Math.max(40, Math.round(attempts * 7.1 + normal(rand) * 45)), passingTds: poisson(rand, 1.6), interceptions: poisson(rand, 0.8) },
          { playerId: input.roster[side]!.wr, fixtureId, teamId, opponentTeamId, position: 'WR', targets, receptions, receivingYards: Math.max(0, Math.round(receptions * 12.5 + normal(rand) * 18)), receivingTds: poisson(rand, 0.45) },
        ]);
      }
    }
  }
  return count;
}
