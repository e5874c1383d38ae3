/**
 * The embedded default's demo data: a clearly labelled SIMULATED soccer league and NFL season, generated
 * from a fixed seed so every machine sees the same teams, results and prices. Dates are laid out around
 * "today" so there are finished and upcoming games. Nothing here is real; competitions carry `simulated=true`
 * and every name says "Simulated".
 */
import {
  hasCompetitions, seedBookmaker, seedCompetition, seedFixture, seedOdds, seedPlayerGameStats, seedPlayers, seedSeason,
  seedTeamAliases, seedTeams, type PoolDb,
} from '@fairline/db';
import { pricing } from '@fairline/ml';
import { mulberry32, normal, poisson } from './rng.ts';
import { seedSimulatedGameLines, simulateNflScore, SIM_TOTAL_LINE, type SimulatedNflGame } from './simulated-game-lines.ts';
import { seedSimulatedProps, type SimulatedGame, type SimulatedPropLine } from './simulated-props.ts';
import { seedSimulatedPropBooks } from './simulated-prop-books.ts';
import { seedSimulatedNflHistory } from './simulated-history.ts';
import { seedSimulatedPriceHistory, type SimulatedCurrentQuote } from './simulated-price-history.ts';
import { seedSimulatedSoccerMarkets, type SimulatedSoccerMatch } from './simulated-soccer-markets.ts';

/** The demo data's random seed (simulated-soccer-history.ts replays its first draws: the soccer teams' ratings). */
export const DEMO_SEED = 20261121;
const SEED = DEMO_SEED;
const DAY = 86_400_000;

const SOCCER_TEAMS = [
  'Ashford Rovers', 'Bramley Athletic', 'Carrow City', 'Dunmore United', 'Eastwick Town', 'Fenwick Albion',
  'Glenholt Wanderers', 'Harrowgate Forest', 'Ironbridge Rangers', 'Kingsmere County',
];
const NFL_TEAMS = [
  'Albany Anchors', 'Boise Bison', 'Charleston Herons', 'Dayton Drivers', 'El Paso Coyotes', 'Fresno Falcons',
  'Gary Steelhawks', 'Hartford Harriers',
];

export interface SeedSummary {
  seeded: boolean;
  fixtures: number;
  odds: number;
  /** Simulated player-prop projections (upcoming NFL games). */
  projections: number;
}

function startOfUtcDay(t: number) {
  return t - (t % DAY);
}

/** Seeds only into an empty database (no competitions); returns whether it did. Idempotent by natural keys. */
export async function seedSimulatedData(db: PoolDb, now = Date.now()): Promise<SeedSummary> {
  if (await hasCompetitions(db)) return { seeded: false, fixtures: 0, odds: 0, projections: 0 };
  const rand = mulberry32(SEED);
  const today = startOfUtcDay(now);
  let fixtureCount = 0;
  let oddsCount = 0;
  let projectionCount = 0;

  await db.transaction(async (tx) => {
    const bookId = await seedBookmaker(tx, 'sim_book', 'Simulated Book');

    // ---- Soccer: double round robin, one round a week, half the season played.
    const socId = await seedCompetition(tx, { sport: 'soccer', code: 'SIM-SOC', name: 'Simulated Premier League', country: 'Simulated', simulated: true });
    const socSeasonId = await seedSeason(tx, socId, 'SIM');
    const socTeams = await seedTeams(
      tx,
      SOCCER_TEAMS.map((name) => ({ sport: 'soccer' as const, name: `${name} (Simulated)`, shortName: name, simulated: true })),
    );
    await seedTeamAliases(tx, socTeams.map((t) => ({ sport: 'soccer' as const, source: 'simulated', alias: t.shortName!, teamId: t.id })));
    const soccerQuotes: SimulatedCurrentQuote[] = [];
    const soccerMatches: SimulatedSoccerMatch[] = [];
    const attack = socTeams.map(() => normal(rand) * 0.25);
    const defence = socTeams.map(() => normal(rand) * 0.25);
    const rounds = roundRobin(socTeams.length);
    const allRounds = [...rounds, ...rounds.map((r) => r.map(([h, a]) => [a, h] as [number, number]))];
    const firstRound = today - Math.floor(allRounds.length / 2) * 7 * DAY;
    for (let r = 0; r < allRounds.length; r++) {
      const kickoff = new Date(firstRound + r * 7 * DAY + 15 * 3_600_000);
      for (const [h, a] of allRounds[r]!) {
        const muH = Math.exp(0.25 + 0.1 + attack[h]! - defence[a]!);
        const muA = Math.exp(0.1 + attack[a]! - defence[h]!);
        const played = kickoff.getTime() < now;
        const fixtureId = await seedFixture(tx, {
          sport: 'soccer',
          competitionId: socId,
          seasonId: socSeasonId,
          naturalKey: `SIM-SOC:SIM:${socTeams[h]!.id}:${socTeams[a]!.id}`,
          homeTeamId: socTeams[h]!.id,
          awayTeamId: socTeams[a]!.id,
          kickoffAt: kickoff,
          week: r + 1,
          status: played ? 'final' : 'scheduled',
          homeScore: played ? poisson(rand, muH) : null,
          awayScore: played ? poisson(rand, muA) : null,
        });
        fixtureCount++;
        const p = approx1x2(muH, muA);
        const margin = 1.05;
        const prices = [p.home, p.draw, p.away].map((q) => Math.round((1 / (q * margin)) * 100) / 100);
        const sel = ['home', 'draw', 'away'];
        await seedOdds(
          tx,
          prices.map((price, i) => ({
            fixtureId,
            bookmakerId: bookId,
            market: '1x2' as const,
            selection: sel[i]!,
            price,
            capturedAt: new Date(kickoff.getTime() - 2 * DAY),
            source: 'simulated',
          })),
        );
        oddsCount += 3;
        if (!played) {
          soccerQuotes.push({ fixtureId, kickoff, prices: { home: prices[0]!, draw: prices[1]!, away: prices[2]! } });
          soccerMatches.push({ fixtureId, kickoff, rates: { home: muH, away: muA } });
        }
      }
    }

    // ---- NFL: 8 teams, a round robin of weeks, a QB and a WR per team with weekly stats when played.
    const nflId = await seedCompetition(tx, { sport: 'nfl', code: 'SIM-NFL', name: 'Simulated Football League', country: 'Simulated', simulated: true });
    const nflSeasonId = await seedSeason(tx, nflId, 'SIM');
    const nflTeams = await seedTeams(
      tx,
      NFL_TEAMS.map((name) => ({ sport: 'nfl' as const, name: `${name} (Simulated)`, shortName: name, simulated: true })),
    );
    const rating = nflTeams.map(() => normal(rand) * 4);
    const roster = await seedPlayers(
      tx,
      nflTeams.flatMap((t, i) => [
        { sport: 'nfl' as const, externalId: `SIM-QB-${i}`, name: `Sim Quarterback ${i + 1}`, position: 'QB', teamId: t.id },
        { sport: 'nfl' as const, externalId: `SIM-WR-${i}`, name: `Sim Receiver ${i + 1}`, position: 'WR', teamId: t.id },
      ]),
    );
    const upcoming: SimulatedGame[] = [];
    const nflGames: SimulatedNflGame[] = [];
    const nflRounds = roundRobin(nflTeams.length);
    const firstWeek = today - Math.floor(nflRounds.length / 2) * 7 * DAY;
    for (let w = 0; w < nflRounds.length; w++) {
      const kickoff = new Date(firstWeek + w * 7 * DAY + 18 * 3_600_000);
      for (const [h, a] of nflRounds[w]!) {
        const spread = rating[h]! - rating[a]! + 2;
        const played = kickoff.getTime() < now;
        const { homeScore, awayScore } = simulateNflScore(rand, spread);
        const fixtureId = await seedFixture(tx, {
          sport: 'nfl',
          competitionId: nflId,
          seasonId: nflSeasonId,
          naturalKey: `SIM-NFL:SIM:${w + 1}:${nflTeams[h]!.id}:${nflTeams[a]!.id}`,
          homeTeamId: nflTeams[h]!.id,
          awayTeamId: nflTeams[a]!.id,
          kickoffAt: kickoff,
          week: w + 1,
          status: played ? 'final' : 'scheduled',
          homeScore: played ? homeScore : null,
          awayScore: played ? awayScore : null,
        });
        fixtureCount++;
        const line = Math.round(spread * 2) / 2;
        nflGames.push({ fixtureId, kickoff, marginLine: line });
        await seedOdds(tx, [
          { fixtureId, bookmakerId: bookId, market: 'spread', selection: 'home', line: pricing.flipHandicap(line), price: 1.91, capturedAt: new Date(kickoff.getTime() - DAY), source: 'simulated' },
          { fixtureId, bookmakerId: bookId, market: 'spread', selection: 'away', line, price: 1.91, capturedAt: new Date(kickoff.getTime() - DAY), source: 'simulated' },
          { fixtureId, bookmakerId: bookId, market: 'game_total', selection: 'over', line: SIM_TOTAL_LINE, price: 1.91, capturedAt: new Date(kickoff.getTime() - DAY), source: 'simulated' },
          { fixtureId, bookmakerId: bookId, market: 'game_total', selection: 'under', line: SIM_TOTAL_LINE, price: 1.91, capturedAt: new Date(kickoff.getTime() - DAY), source: 'simulated' },
        ]);
        oddsCount += 4;
        if (!played) {
          upcoming.push({
            fixtureId,
            kickoff,
            sides: [h, a].map((side) => ({ rating: rating[side]!, qb: roster[side * 2]!.id, wr: roster[side * 2 + 1]!.id })),
          });
        }
        if (played) {
          for (const side of [h, a]) {
            const qb = roster[side * 2]!;
            const wr = roster[side * 2 + 1]!;
            const attempts = Math.max(15, Math.round(34 + normal(rand) * 6));
            const targets = Math.max(2, Math.round(8 + normal(rand) * 2.5));
            const receptions = Math.min(targets, Math.round(targets * (0.55 + rand() * 0.25)));
            await seedPlayerGameStats(tx, [
              { playerId: qb.id, fixtureId, teamId: nflTeams[side]!.id, opponentTeamId: nflTeams[side === h ? a : h]!.id, position: 'QB', passAttempts: attempts, completions: Math.round(attempts * 0.64), passingYards: Math.max(40, Math.round(attempts * 7.1 + normal(rand) * 45)), passingTds: poisson(rand, 1.6), interceptions: poisson(rand, 0.8) },
              { playerId: wr.id, fixtureId, teamId: nflTeams[side]!.id, opponentTeamId: nflTeams[side === h ? a : h]!.id, position: 'WR', targets, receptions, receivingYards: Math.max(0, Math.round(receptions * 12.5 + normal(rand) * 18)), receivingTds: poisson(rand, 0.45) },
            ]);
          }
        }
      }
    }
    // Drawn after everything above, so the rest of the demo data is the same with or without props.
    const propLines: SimulatedPropLine[] = [];
    projectionCount = await seedSimulatedProps(tx, rand, upcoming, bookId, propLines);
    oddsCount += 2 * projectionCount;
    // Game lines draw from their own stream, so adding them changed nothing above.
    oddsCount += await seedSimulatedGameLines(tx, mulberry32(SEED + 1), nflGames, bookId);
    // A 1X2 price history for the upcoming soccer fixtures' odds-movement charts, from its own stream.
    oddsCount += await seedSimulatedPriceHistory(tx, mulberry32(SEED + 3), bookId, soccerQuotes);
    // Two more books quoting every soccer market (totals, Asian lines, BTTS, DNB) of the upcoming matches, own stream.
    oddsCount += await seedSimulatedSoccerMarkets(tx, mulberry32(SEED + 4), soccerMatches);
    // A second book's prices on the same prop lines, for the props board's best price across books, own stream.
    oddsCount += await seedSimulatedPropBooks(tx, mulberry32(SEED + 5), propLines);
    // A previous season of game logs for the player pages, from its own stream: nothing above changes.
    fixtureCount += await seedSimulatedNflHistory(tx, mulberry32(SEED + 2), {
      competitionId: nflId, teamIds: nflTeams.map((t) => t.id), ratings: rating, rounds: nflRounds, seasonStart: firstWeek + 18 * 3_600_000,
      roster: nflTeams.map((_, i) => ({ qb: roster[i * 2]!.id, wr: roster[i * 2 + 1]!.id })),
    });
  });
  return { seeded: true, fixtures: fixtureCount, odds: oddsCount, projections: projectionCount };
}

/** Circle-method round robin: n-1 rounds of n/2 pairings (n even). */
function roundRobin(n: number): Array<Array<[number, number]>> {
  const ids = Array.from({ length: n }, (_, i) => i);
  const rounds: Array<Array<[number, number]>> = [];
  for (let r = 0; r < n - 1; r++) {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < n / 2; i++) {
      const a = ids[i]!;
      const b = ids[n - 1 - i]!;
      pairs.push(r % 2 === 0 ? [a, b] : [b, a]);
    }
    rounds.push(pairs);
    ids.splice(1, 0, ids.pop()!);
  }
  return rounds;
}

/** Independent-Poisson 1X2 for pricing the simulated book (the real models live in @fairline/ml). */
/** Poisson 1X2 of two goal rates (independent scores): the simulated books price from it. */
export function approx1x2(muH: number, muA: number) {
  const pmf = (mu: number, k: number) => {
    let p = Math.exp(-mu);
    for (let i = 1; i <= k; i++) p *= mu / i;
    return p;
  };
  let home = 0;
  let draw = 0;
  let away = 0;
  for (let i = 0; i <= 10; i++)
    for (let j = 0; j <= 10; j++) {
      const p = pmf(muH, i) * pmf(muA, j);
      if (i > j) home += p;
      else if (i === j) draw += p;
      else away += p;
    }
  const s = home + draw + away;
  return { home: home / s, draw: draw / s, away: away / s };
}
