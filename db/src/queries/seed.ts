/**
 * The demo seed's statements. worker/src/seed generates the clearly labelled SIMULATED league, season, models and
 * prices (it needs @fairline/ml to fit the demo models); these store them, one plain insert per call so the seed
 * writes its rows, and gets their serial ids, in the order it always has. Not for ingestion: real data goes
 * through the idempotent upserts in ./ingestion.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import {
  bookmakers,
  competitions,
  fixtures,
  modelVersions,
  oddsSnapshots,
  playerGameStats,
  players,
  projections,
  seasons,
  teamAliases,
  teams,
} from '../schema/index.ts';

/** A price observation the seed stores. */
export type SeedOddsRow = typeof oddsSnapshots.$inferInsert;
/** A player projection the seed stores. */
export type SeedProjectionRow = typeof projections.$inferInsert;

/** Whether any competition is stored: the seed writes only into a database without one. */
export async function hasCompetitions(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(competitions);
  return (row?.n ?? 0) > 0;
}

/** Stores a bookmaker by its key (renaming it if the key exists); returns its id. */
export async function seedBookmaker(tx: Tx, key: string, name: string): Promise<number> {
  const [row] = await tx
    .insert(bookmakers)
    .values({ key, name })
    .onConflictDoUpdate({ target: bookmakers.key, set: { name } })
    .returning({ id: bookmakers.id });
  return row!.id;
}

/** Stores a competition; returns its id. */
export async function seedCompetition(tx: Tx, values: typeof competitions.$inferInsert): Promise<number> {
  const [row] = await tx.insert(competitions).values(values).returning({ id: competitions.id });
  return row!.id;
}

/** Stores a season of a competition; returns its id. */
export async function seedSeason(tx: Tx, competitionId: number, label: string): Promise<number> {
  const [row] = await tx.insert(seasons).values({ competitionId, label }).returning({ id: seasons.id });
  return row!.id;
}

/** Stores teams; returns their ids and short names, in the order given. */
export async function seedTeams(tx: Tx, values: Array<typeof teams.$inferInsert>): Promise<Array<{ id: number; shortName: string | null }>> {
  return tx.insert(teams).values(values).returning({ id: teams.id, shortName: teams.shortName });
}

/** Stores the names a source uses for teams. */
export async function seedTeamAliases(tx: Tx, values: Array<typeof teamAliases.$inferInsert>): Promise<void> {
  await tx.insert(teamAliases).values(values);
}

/** Stores players; returns their ids, in the order given. */
export async function seedPlayers(tx: Tx, values: Array<typeof players.$inferInsert>): Promise<Array<{ id: number }>> {
  return tx.insert(players).values(values).returning({ id: players.id });
}

/** Stores a fixture; returns its id. */
export async function seedFixture(tx: Tx, values: typeof fixtures.$inferInsert): Promise<number> {
  const [row] = await tx.insert(fixtures).values(values).returning({ id: fixtures.id });
  return row!.id;
}

/** Stores price observations (nothing for an empty list). */
export async function seedOdds(tx: Tx, values: SeedOddsRow[]): Promise<void> {
  if (values.length > 0) await tx.insert(oddsSnapshots).values(values);
}

/** Stores players' box-score lines of played games. */
export async function seedPlayerGameStats(tx: Tx, values: Array<typeof playerGameStats.$inferInsert>): Promise<void> {
  if (values.length > 0) await tx.insert(playerGameStats).values(values);
}

/** Stores a model version as given (the seed files its demo models as version 1, active); returns its id. */
export async function seedModelVersion(tx: Tx, values: typeof modelVersions.$inferInsert): Promise<number> {
  const [row] = await tx.insert(modelVersions).values(values).returning({ id: modelVersions.id });
  return row!.id;
}

/** Stores player projections (nothing for an empty list). */
export async function seedProjections(tx: Tx, values: SeedProjectionRow[]): Promise<void> {
  if (values.length > 0) await tx.insert(projections).values(values);
}
