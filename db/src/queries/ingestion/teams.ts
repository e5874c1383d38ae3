/**
 * Teams and their per-source spellings (`team_aliases`). Which names a source may register is the ingestion
 * service's rule (worker/src/services/ingest/identity/teams.ts); these are its statements.
 */
import { sql } from 'drizzle-orm';
import type { Sport } from '../../schema/enums.ts';
import { rows, unnest, type Tx } from '../sql.ts';

/**
 * Inserts teams (by canonical name) and their aliases; teams and aliases already stored are kept as they are.
 * Each alias names its team by canonical name, which must be among `teams` or already stored.
 */
export async function insertTeamsWithAliases(
  tx: Tx,
  sport: Sport,
  teams: readonly { name: string; short: string }[],
  aliases: readonly { canonical: string; source: string; alias: string }[],
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO teams (sport, name, short_name)
    SELECT ${sport}::sport, name, short FROM ${unnest('v', [
      ['name', 'text', teams.map((t) => t.name)],
      ['short', 'text', teams.map((t) => t.short)],
    ])}
    ON CONFLICT (sport, name) DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO team_aliases (sport, source, alias, team_id)
    SELECT ${sport}::sport, v.source, v.alias, t.id FROM ${unnest('v', [
      ['canonical', 'text', aliases.map((a) => a.canonical)],
      ['source', 'text', aliases.map((a) => a.source)],
      ['alias', 'text', aliases.map((a) => a.alias)],
    ])} JOIN teams t ON t.sport = ${sport}::sport AND t.name = v.canonical
    ON CONFLICT (sport, source, alias) DO NOTHING`);
}

/** name → team id for the names `source` already has aliases for (others are absent from the map). */
export async function teamIdsByAlias(tx: Tx, sport: Sport, source: string, names: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (names.length === 0) return out;
  const found = await rows<{ alias: string; team_id: number }>(
    tx,
    sql`SELECT alias, team_id FROM team_aliases
        WHERE sport = ${sport}::sport AND source = ${source} AND alias = ANY(${sql.param([...names])}::text[])`,
  );
  for (const r of found) out.set(r.alias, Number(r.team_id));
  return out;
}

/**
 * Registers each name as a new team (its own canonical and short name) with an alias for `source`, in sorted
 * order so that concurrent transactions lock new team rows in the same order. Returns how many teams were new.
 */
export async function registerTeams(tx: Tx, sport: Sport, source: string, names: readonly string[]): Promise<number> {
  const sorted = [...names].sort();
  const created = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO teams (sport, name, short_name)
        SELECT ${sport}::sport, n, n FROM unnest(${sql.param(sorted)}::text[]) AS n ORDER BY n
        ON CONFLICT (sport, name) DO NOTHING RETURNING id`,
  );
  await tx.execute(sql`
    INSERT INTO team_aliases (sport, source, alias, team_id)
    SELECT ${sport}::sport, ${source}, n, t.id FROM unnest(${sql.param(sorted)}::text[]) AS n
    JOIN teams t ON t.sport = ${sport}::sport AND t.name = n ORDER BY n
    ON CONFLICT (sport, source, alias) DO NOTHING`);
  return created.length;
}
