/**
 * Players and their per-game stat lines. Players are keyed by the source-of-record id (nflverse gsis id);
 * their current team and position are derived from their most recent stat line (by kick-off), so the result
 * does not depend on the order files are ingested in and re-ingesting changes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Sport } from '../../schema/enums.ts';
import { chunks, rows, unnest, zeroWriteCounts, type Tx, type WriteCounts } from '../sql.ts';

/** external id → player id for the given players, inserting the ones not stored yet (existing rows are kept). */
export async function ensurePlayers(
  tx: Tx,
  sport: Sport,
  players: readonly { externalId: string; name: string; position: string | null; teamId: number | null }[],
): Promise<{ ids: Map<string, number>; inserted: number }> {
  const ids = new Map<string, number>();
  if (players.length === 0) return { ids, inserted: 0 };
  const ext = players.map((p) => p.externalId);
  const ins = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO players (sport, external_id, name, position, team_id)
        SELECT ${sport}::sport, external_id, name, position, team_id FROM ${unnest('v', [
          ['external_id', 'text', ext],
          ['name', 'text', players.map((p) => p.name)],
          ['position', 'text', players.map((p) => p.position)],
          ['team_id', 'int4', players.map((p) => p.teamId)],
        ])}
        ON CONFLICT (sport, external_id) DO NOTHING RETURNING id`,
  );
  const found = await rows<{ external_id: string; id: number }>(
    tx,
    sql`SELECT external_id, id FROM players WHERE sport = ${sport}::sport AND external_id = ANY(${sql.param(ext)}::text[])`,
  );
  for (const r of found) ids.set(r.external_id, Number(r.id));
  return { ids, inserted: ins.length };
}

/** Column-oriented stat lines for one batch (yards as numbers, counting stats as integers; null = not given). */
export interface StatColumns {
  playerId: number[];
  fixtureId: number[];
  teamId: (number | null)[];
  opponentTeamId: (number | null)[];
  position: (string | null)[];
  completions: (number | null)[];
  passAttempts: (number | null)[];
  passingYards: (number | null)[];
  passingTds: (number | null)[];
  interceptions: (number | null)[];
  carries: (number | null)[];
  rushingYards: (number | null)[];
  rushingTds: (number | null)[];
  targets: (number | null)[];
  receptions: (number | null)[];
  receivingYards: (number | null)[];
  receivingTds: (number | null)[];
  sacks: (number | null)[];
  passingAirYards: (number | null)[];
  receivingAirYards: (number | null)[];
  targetShare: (number | null)[];
  airYardsShare: (number | null)[];
  /** JSON text of the `extra` object. */
  extra: (string | null)[];
}

/** A batch with no lines yet. */
export function emptyStatColumns(): StatColumns {
  return {
    playerId: [], fixtureId: [], teamId: [], opponentTeamId: [], position: [], completions: [], passAttempts: [],
    passingYards: [], passingTds: [], interceptions: [], carries: [], rushingYards: [], rushingTds: [], targets: [],
    receptions: [], receivingYards: [], receivingTds: [], sacks: [], passingAirYards: [], receivingAirYards: [], targetShare: [],
    airYardsShare: [], extra: [],
  };
}

const COLS: [keyof StatColumns, string, 'int4' | 'float4' | 'float8' | 'text' | 'jsonb'][] = [
  ['playerId', 'player_id', 'int4'],
  ['fixtureId', 'fixture_id', 'int4'],
  ['teamId', 'team_id', 'int4'],
  ['opponentTeamId', 'opponent_team_id', 'int4'],
  ['position', 'position', 'text'],
  ['completions', 'completions', 'int4'],
  ['passAttempts', 'pass_attempts', 'int4'],
  ['passingYards', 'passing_yards', 'float4'],
  ['passingTds', 'passing_tds', 'int4'],
  ['interceptions', 'interceptions', 'int4'],
  ['carries', 'carries', 'int4'],
  ['rushingYards', 'rushing_yards', 'float4'],
  ['rushingTds', 'rushing_tds', 'int4'],
  ['targets', 'targets', 'int4'],
  ['receptions', 'receptions', 'int4'],
  ['receivingYards', 'receiving_yards', 'float4'],
  ['receivingTds', 'receiving_tds', 'int4'],
  ['sacks', 'sacks', 'float8'],
  ['passingAirYards', 'passing_air_yards', 'float8'],
  ['receivingAirYards', 'receiving_air_yards', 'float8'],
  ['targetShare', 'target_share', 'float8'],
  ['airYardsShare', 'air_yards_share', 'float8'],
  ['extra', 'extra', 'jsonb'],
];
const NAMES = COLS.map(([, n]) => n);
const SET = sql.raw(NAMES.slice(2).map((n) => `${n} = excluded.${n}`).join(', '));
const OLD = sql.raw(NAMES.slice(2).map((n) => `s.${n}`).join(', '));
const NEW = sql.raw(NAMES.slice(2).map((n) => `excluded.${n}`).join(', '));
const LIST = sql.raw(NAMES.join(', '));
const XOLD = sql.raw(NAMES.slice(2).map((n) => `x.${n}`).join(', '));
const VNEW = sql.raw(NAMES.slice(2).map((n) => `v.${n}`).join(', '));

/** Upserts stat lines by (player, fixture), rewriting a line only when one of its columns differs. */
export async function upsertPlayerGameStats(tx: Tx, cols: StatColumns): Promise<WriteCounts> {
  const counts = zeroWriteCounts();
  for (const [s, e] of chunks(cols.playerId.length, 4000)) {
    const v = unnest('v', COLS.map(([k, n, t]) => [n, t, (cols[k] as unknown[]).slice(s, e)] as const));
    const [r] = await rows<{ inserted: number; updated: number }>(
      tx,
      sql`WITH up AS (
            INSERT INTO player_game_stats AS s (${LIST}) SELECT ${LIST} FROM ${v}
            -- Lines stored exactly as given are left out before ON CONFLICT, which would lock (write) them.
            WHERE NOT EXISTS (
              SELECT 1 FROM player_game_stats x WHERE x.player_id = v.player_id AND x.fixture_id = v.fixture_id
                AND (${XOLD}) IS NOT DISTINCT FROM (${VNEW}))
            ON CONFLICT (player_id, fixture_id) DO UPDATE SET ${SET}
            WHERE (${OLD}) IS DISTINCT FROM (${NEW})
            RETURNING (s.xmax = 0) AS ins)
          SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated FROM up`,
    );
    counts.inserted += r?.inserted ?? 0;
    counts.updated += r?.updated ?? 0;
    counts.unchanged += e - s - (r?.inserted ?? 0) - (r?.updated ?? 0);
  }
  return counts;
}

/** Sets each player's team and position from their latest stat line; returns how many players changed. */
export async function refreshPlayersLatestTeam(tx: Tx, playerIds: readonly number[]): Promise<number> {
  if (playerIds.length === 0) return 0;
  const r = await rows<{ id: number }>(
    tx,
    sql`UPDATE players p SET team_id = latest.team_id, position = coalesce(latest.position, p.position), updated_at = now()
        FROM (
          SELECT DISTINCT ON (s.player_id) s.player_id, s.team_id, s.position
          FROM player_game_stats s JOIN fixtures f ON f.id = s.fixture_id
          WHERE s.player_id = ANY(${sql.param([...playerIds])}::int4[])
          ORDER BY s.player_id, f.kickoff_at DESC, f.id DESC
        ) latest
        WHERE p.id = latest.player_id
          AND (p.team_id, p.position) IS DISTINCT FROM (latest.team_id, coalesce(latest.position, p.position))
        RETURNING p.id`,
  );
  return r.length;
}

/** name → id of the NFL players the odds feed spells that way (`player_aliases` of source odds-api). */
export async function oddsApiPlayerAliases(tx: Tx, names: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (names.length === 0) return out;
  const found = await rows<{ alias: string; player_id: number }>(
    tx,
    sql`SELECT alias, player_id FROM player_aliases
        WHERE sport = 'nfl' AND source = 'odds-api' AND alias = ANY(${sql.param([...names])}::text[])`,
  );
  for (const a of found) out.set(a.alias, Number(a.player_id));
  return out;
}

/** Every NFL player whose name is one of `names`, with their current team (a name may match several players). */
export async function nflPlayersNamed(tx: Tx, names: readonly string[]): Promise<{ id: number; name: string; teamId: number | null }[]> {
  if (names.length === 0) return [];
  const found = await rows<{ id: number; name: string; team_id: number | null }>(
    tx,
    sql`SELECT id, name, team_id FROM players WHERE sport = 'nfl' AND name = ANY(${sql.param([...names])}::text[])`,
  );
  return found.map((c) => ({ id: Number(c.id), name: c.name, teamId: c.team_id === null ? null : Number(c.team_id) }));
}
