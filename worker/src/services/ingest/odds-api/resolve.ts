/**
 * Finding our fixture and players for an odds-API event. The odds feed is not a source of record: its team
 * and player names must resolve through aliases (or, for players, an unambiguous name on one of the two teams).
 *  - NFL: the game must already be on the nflverse schedule (same teams, kick-off within 36 h).
 *  - Soccer: the fixture is looked up by the same natural key football-data uses; when the league's results
 *    file has not been ingested yet, a `scheduled` fixture is created under that key, so the results file
 *    later completes the same row instead of duplicating it.
 */
import {
  ensureCompetition,
  ensureSeason,
  findOrInsertScheduledFixture,
  fixtureNearKickoff,
  nflPlayersNamed,
  oddsApiPlayerAliases,
  type Tx,
} from '@fairline/db';
import { seasonOf } from '../football-data/common.ts';
import { SPORT_KEYS } from './schema.ts';

/**
 * Our fixture for an odds-API event (teams already resolved, `commence` an ISO instant), or the reason it has
 * none: an NFL game must be on the schedule; a soccer fixture is found or created under its natural key.
 */
export async function findOrCreateFixture(
  tx: Tx,
  sportKey: string,
  homeId: number,
  awayId: number,
  commence: string,
): Promise<{ id: number; created: boolean } | string> {
  const comp = SPORT_KEYS[sportKey];
  if (!comp) return `unsupported sport_key "${sportKey}"`;
  if (comp.sport === 'nfl') {
    const id = await fixtureNearKickoff(tx, comp.code, homeId, awayId, commence);
    if (id !== null) return { id, created: false };
    return `no NFL game on the schedule for these teams around ${commence} (ingest nflverse-games first)`;
  }
  const date = commence.slice(0, 10);
  const season = seasonOf(date);
  const competitionId = await ensureCompetition(tx, comp);
  const seasonId = await ensureSeason(tx, competitionId, season, null, null);
  return findOrInsertScheduledFixture(tx, {
    sport: 'soccer',
    naturalKey: `${comp.code}:${season}:${homeId}:${awayId}`,
    competitionId,
    seasonId,
    homeTeamId: homeId,
    awayTeamId: awayId,
    kickoffAt: commence,
  });
}

/** Resolves prop players by name for one event: alias first, then a unique name among the two teams' players. */
export async function resolvePlayers(
  tx: Tx,
  names: string[],
  teamIds: [number, number],
): Promise<Map<string, number | string>> {
  const out = new Map<string, number | string>();
  if (names.length === 0) return out;
  for (const [alias, id] of await oddsApiPlayerAliases(tx, names)) out.set(alias, id);
  const rest = names.filter((n) => !out.has(n));
  if (rest.length === 0) return out;
  const cands = await nflPlayersNamed(tx, rest);
  for (const n of rest) {
    const all = cands.filter((c) => c.name === n);
    const onTeams = all.filter((c) => c.teamId !== null && teamIds.includes(c.teamId));
    const pick = onTeams.length === 1 ? onTeams : all.length === 1 ? all : null;
    if (pick) out.set(n, pick[0]!.id);
    else if (all.length === 0) out.set(n, `unknown player "${n}" (no player or odds-api alias with that name)`);
    else out.set(n, `ambiguous player "${n}" (${all.length} players share the name; add an odds-api player alias)`);
  }
  return out;
}
