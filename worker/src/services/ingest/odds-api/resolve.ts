/**
 * Finding our fixture and players for an odds-API event. The odds feed is not a source of record: its team
 * and player names must resolve through aliases (or, for players, an unambiguous name on one of the two teams).
 *  - NFL: the game must already be on the nflverse schedule (same teams, kick-off within 36 h).
 *  - Soccer: the fixture is looked up by the same natural key football-data uses; when the league's results
 *    file has not been ingested yet, a `scheduled` fixture is created under that key, so the results file
 *    later completes the same row instead of duplicating it.
 */
import { sql } from 'drizzle-orm';
import { seasonOf } from '../football-data/common.ts';
import { ensureCompetition, ensureSeason } from '../identity/catalog.ts';
import { rows, type Tx } from '../store/sql.ts';
import { SPORT_KEYS } from './schema.ts';

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
    const found = await rows<{ id: number }>(
      tx,
      sql`SELECT f.id FROM fixtures f JOIN competitions c ON c.id = f.competition_id
          WHERE c.code = ${comp.code} AND f.home_team_id = ${homeId} AND f.away_team_id = ${awayId}
            AND f.kickoff_at BETWEEN ${commence}::timestamptz - interval '36 hours' AND ${commence}::timestamptz + interval '36 hours'
          ORDER BY abs(extract(epoch FROM f.kickoff_at - ${commence}::timestamptz)) LIMIT 1`,
    );
    if (found[0]) return { id: Number(found[0].id), created: false };
    return `no NFL game on the schedule for these teams around ${commence} (ingest nflverse-games first)`;
  }
  const date = commence.slice(0, 10);
  const season = seasonOf(date);
  const competitionId = await ensureCompetition(tx, comp);
  const seasonId = await ensureSeason(tx, competitionId, season, null, null);
  const naturalKey = `${comp.code}:${season}:${homeId}:${awayId}`;
  const ins = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO fixtures (sport, natural_key, competition_id, season_id, home_team_id, away_team_id, kickoff_at, status)
        VALUES ('soccer', ${naturalKey}, ${competitionId}, ${seasonId}, ${homeId}, ${awayId}, ${commence}::timestamptz, 'scheduled')
        ON CONFLICT (natural_key) DO NOTHING RETURNING id`,
  );
  if (ins[0]) return { id: Number(ins[0].id), created: true };
  const [f] = await rows<{ id: number }>(tx, sql`SELECT id FROM fixtures WHERE natural_key = ${naturalKey}`);
  return { id: Number(f!.id), created: false };
}

/** Resolves prop players by name for one event: alias first, then a unique name among the two teams' players. */
export async function resolvePlayers(
  tx: Tx,
  names: string[],
  teamIds: [number, number],
): Promise<Map<string, number | string>> {
  const out = new Map<string, number | string>();
  if (names.length === 0) return out;
  const aliases = await rows<{ alias: string; player_id: number }>(
    tx,
    sql`SELECT alias, player_id FROM player_aliases
        WHERE sport = 'nfl' AND source = 'odds-api' AND alias = ANY(${sql.param(names)}::text[])`,
  );
  for (const a of aliases) out.set(a.alias, Number(a.player_id));
  const rest = names.filter((n) => !out.has(n));
  if (rest.length === 0) return out;
  const cands = await rows<{ id: number; name: string; team_id: number | null }>(
    tx,
    sql`SELECT id, name, team_id FROM players WHERE sport = 'nfl' AND name = ANY(${sql.param(rest)}::text[])`,
  );
  for (const n of rest) {
    const all = cands.filter((c) => c.name === n);
    const onTeams = all.filter((c) => c.team_id !== null && teamIds.includes(Number(c.team_id)));
    const pick = onTeams.length === 1 ? onTeams : all.length === 1 ? all : null;
    if (pick) out.set(n, Number(pick[0]!.id));
    else if (all.length === 0) out.set(n, `unknown player "${n}" (no player or odds-api alias with that name)`);
    else out.set(n, `ambiguous player "${n}" (${all.length} players share the name; add an odds-api player alias)`);
  }
  return out;
}
