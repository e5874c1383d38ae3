/**
 * Team identity across sources: every name is looked up in `team_aliases` for (sport, source). Only a source
 * of record may register a team it has never seen (canonical name = its own spelling unless the reference
 * table knows better); other sources get `undefined` back and must reject the row.
 */
import type { Sport } from '@fairline/db';
import { sql } from 'drizzle-orm';
import { rows, unnest, type Tx } from '../store/sql.ts';
import { REFERENCE_TEAMS } from './reference-teams.ts';

/** Installs the reference teams and their aliases for `sport` (idempotent; existing aliases are kept). */
export async function ensureReferenceTeams(tx: Tx, sport: Sport): Promise<void> {
  const teams = REFERENCE_TEAMS.filter((t) => t.sport === sport);
  if (teams.length === 0) return;
  await tx.execute(sql`
    INSERT INTO teams (sport, name, short_name)
    SELECT ${sport}::sport, name, short FROM ${unnest('v', [
      ['name', 'text', teams.map((t) => t.canonical)],
      ['short', 'text', teams.map((t) => t.short)],
    ])}
    ON CONFLICT (sport, name) DO NOTHING`);
  const canonical: string[] = [];
  const source: string[] = [];
  const alias: string[] = [];
  for (const t of teams) {
    for (const [src, names] of Object.entries(t.aliases)) {
      for (const a of names ?? []) {
        canonical.push(t.canonical);
        source.push(src);
        alias.push(a);
      }
    }
  }
  await tx.execute(sql`
    INSERT INTO team_aliases (sport, source, alias, team_id)
    SELECT ${sport}::sport, v.source, v.alias, t.id FROM ${unnest('v', [
      ['canonical', 'text', canonical],
      ['source', 'text', source],
      ['alias', 'text', alias],
    ])} JOIN teams t ON t.sport = ${sport}::sport AND t.name = v.canonical
    ON CONFLICT (sport, source, alias) DO NOTHING`);
}

/** name → team id for the names this source already has aliases for. */
export async function resolveTeams(tx: Tx, sport: Sport, source: string, names: Iterable<string>): Promise<Map<string, number>> {
  const list = [...new Set(names)];
  const out = new Map<string, number>();
  if (list.length === 0) return out;
  const found = await rows<{ alias: string; team_id: number }>(
    tx,
    sql`SELECT alias, team_id FROM team_aliases
        WHERE sport = ${sport}::sport AND source = ${source} AND alias = ANY(${sql.param(list)}::text[])`,
  );
  for (const r of found) out.set(r.alias, Number(r.team_id));
  return out;
}

/**
 * For a source of record: resolves every name, registering the unknown ones as new teams (and their alias).
 * Returns the map and how many teams were created.
 */
export async function resolveOrRegisterTeams(
  tx: Tx,
  sport: Sport,
  source: string,
  names: Iterable<string>,
): Promise<{ ids: Map<string, number>; created: number }> {
  const list = [...new Set(names)];
  const ids = await resolveTeams(tx, sport, source, list);
  // Sorted, and inserted in that order, so concurrent transactions lock new team rows in the same order.
  const missing = list.filter((n) => !ids.has(n)).sort();
  if (missing.length === 0) return { ids, created: 0 };
  const created = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO teams (sport, name, short_name)
        SELECT ${sport}::sport, n, n FROM unnest(${sql.param(missing)}::text[]) AS n ORDER BY n
        ON CONFLICT (sport, name) DO NOTHING RETURNING id`,
  );
  await tx.execute(sql`
    INSERT INTO team_aliases (sport, source, alias, team_id)
    SELECT ${sport}::sport, ${source}, n, t.id FROM unnest(${sql.param(missing)}::text[]) AS n
    JOIN teams t ON t.sport = ${sport}::sport AND t.name = n ORDER BY n
    ON CONFLICT (sport, source, alias) DO NOTHING`);
  const again = await resolveTeams(tx, sport, source, missing);
  for (const [k, v] of again) ids.set(k, v);
  return { ids, created: created.length };
}
