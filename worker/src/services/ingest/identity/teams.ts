/**
 * Team identity across sources: every name is looked up in `team_aliases` for (sport, source). Only a source
 * of record may register a team it has never seen (canonical name = its own spelling unless the reference
 * table knows better); other sources get `undefined` back and must reject the row.
 */
import { insertTeamsWithAliases, registerTeams, teamIdsByAlias, type Sport, type Tx } from '@fairline/db';
import { REFERENCE_TEAMS } from './reference-teams.ts';

/** Installs the reference teams and their aliases for `sport` (idempotent; existing aliases are kept). */
export async function ensureReferenceTeams(tx: Tx, sport: Sport): Promise<void> {
  const teams = REFERENCE_TEAMS.filter((t) => t.sport === sport);
  if (teams.length === 0) return;
  const aliases: { canonical: string; source: string; alias: string }[] = [];
  for (const t of teams) {
    for (const [source, names] of Object.entries(t.aliases)) {
      for (const alias of names ?? []) aliases.push({ canonical: t.canonical, source, alias });
    }
  }
  await insertTeamsWithAliases(tx, sport, teams.map((t) => ({ name: t.canonical, short: t.short })), aliases);
}

/** name → team id for the names this source already has aliases for. */
export async function resolveTeams(tx: Tx, sport: Sport, source: string, names: Iterable<string>): Promise<Map<string, number>> {
  return teamIdsByAlias(tx, sport, source, [...new Set(names)]);
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
  const ids = await teamIdsByAlias(tx, sport, source, list);
  const missing = list.filter((n) => !ids.has(n));
  if (missing.length === 0) return { ids, created: 0 };
  const created = await registerTeams(tx, sport, source, missing);
  const again = await teamIdsByAlias(tx, sport, source, missing);
  for (const [k, v] of again) ids.set(k, v);
  return { ids, created };
}
