/**
 * NFL player-prop statements: the projections the API serves (those of each market's ACTIVE model version),
 * the pricing parts of a prop model read with jsonb paths (so the trees never leave Postgres), and the writes of
 * a training run's projections.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { modelVersions, projections } from '../schema/models/index.ts';
import { fixtures, players, teams } from '../schema/sports/index.ts';

/** A served projection with its player and model version. */
export interface ServedProjection {
  playerId: number;
  market: string;
  /** The projected centre, in the market's units (yards, receptions …). */
  mean: number;
  /** The stored predictive distribution's summary (median, q10, q90, law parameters). */
  distribution: unknown;
  modelVersionId: number;
  version: number;
  status: string;
  simulated: boolean;
  name: string;
  position: string | null;
  team: string | null;
}

/** A fixture's projections from active `nfl_props` versions, optionally of some markets or one player. */
export async function activeProjections(db: Db, fixtureId: number, filter: { markets?: readonly string[] | undefined; playerId?: number | undefined } = {}): Promise<ServedProjection[]> {
  const where = [eq(projections.fixtureId, fixtureId), eq(modelVersions.status, 'active'), eq(modelVersions.kind, 'nfl_props')];
  if (filter.markets) where.push(inArray(projections.market, [...filter.markets]));
  if (filter.playerId !== undefined) where.push(eq(projections.playerId, filter.playerId));
  return db
    .select({
      playerId: projections.playerId,
      market: projections.market,
      mean: projections.mean,
      distribution: projections.distribution,
      modelVersionId: modelVersions.id,
      version: modelVersions.version,
      status: modelVersions.status,
      simulated: sql<boolean>`coalesce(${modelVersions.config} -> 'simulated' = 'true'::jsonb, false)`,
      name: players.name,
      position: players.position,
      team: sql<string | null>`coalesce(${teams.shortName}, ${teams.name})`,
    })
    .from(projections)
    .innerJoin(modelVersions, eq(modelVersions.id, projections.modelVersionId))
    .innerJoin(players, eq(players.id, projections.playerId))
    .leftJoin(teams, eq(teams.id, players.teamId))
    .where(and(...where))
    .orderBy(projections.playerId, projections.market);
}

/** Of the given fixtures, those with a projection from an active prop model. */
export async function fixturesWithActiveProjections(db: Db, fixtureIds: readonly number[]): Promise<Set<number>> {
  if (fixtureIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: projections.fixtureId })
    .from(projections)
    .innerJoin(modelVersions, eq(modelVersions.id, projections.modelVersionId))
    .where(and(inArray(projections.fixtureId, [...fixtureIds]), eq(modelVersions.status, 'active')));
  return new Set(rows.map((r) => r.id));
}

/** The parts of a prop model artifact that pricing needs, as stored (validated by the caller). */
export interface PropPricingParts {
  id: number;
  market: string | null;
  /** False when the artifact has no `distribution` key at all (a JSON null is a yes/no market's "no law"). */
  hasDistribution: boolean;
  distribution: unknown;
  calibration: unknown;
}

/** Pricing parts of the given model versions (jsonb paths: the centre's trees stay in Postgres). */
export async function propPricingParts(db: Db, ids: readonly number[]): Promise<PropPricingParts[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: modelVersions.id,
      market: sql<string | null>`${modelVersions.artifact} ->> 'market'`,
      // `artifact -> 'distribution'` is SQL NULL both for a JSON null and for a missing key: tell them apart.
      hasDistribution: sql<boolean>`${modelVersions.artifact} ? 'distribution'`,
      distribution: sql<unknown>`${modelVersions.artifact} -> 'distribution'`,
      calibration: sql<unknown>`${modelVersions.artifact} -> 'calibration'`,
    })
    .from(modelVersions)
    .where(inArray(modelVersions.id, [...ids]));
}

const CHUNK = 1000;

/** key → id over `keys`, CHUNK keys per statement (a bounded IN list); `lookup` selects one slice's rows. */
async function idsByKey(keys: readonly string[], lookup: (slice: string[]) => Promise<{ id: number; key: string }[]>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let k = 0; k < keys.length; k += CHUNK) {
    for (const r of await lookup(keys.slice(k, k + CHUNK))) out.set(r.key, r.id);
  }
  return out;
}

/** NFL fixture ids by nflverse game id (the fixture's natural key); unknown game ids are absent. */
export async function nflFixtureIdsByGameId(tx: Tx, gameIds: readonly string[]): Promise<Map<string, number>> {
  return idsByKey(gameIds, (slice) =>
    tx.select({ id: fixtures.id, key: fixtures.naturalKey }).from(fixtures).where(and(eq(fixtures.sport, 'nfl'), inArray(fixtures.naturalKey, slice))));
}

/** NFL player ids by source-of-record id (nflverse gsis id); unknown ids are absent. */
export async function nflPlayerIdsByExternalId(tx: Tx, externalIds: readonly string[]): Promise<Map<string, number>> {
  return idsByKey(externalIds, (slice) =>
    tx.select({ id: players.id, key: players.externalId }).from(players).where(and(eq(players.sport, 'nfl'), inArray(players.externalId, slice))));
}

/** One projection to store. */
export type NewProjection = typeof projections.$inferInsert;

/** Stores projections, skipping ones already stored (natural key); returns how many were new. */
export async function insertProjections(tx: Tx, values: readonly NewProjection[]): Promise<number> {
  let inserted = 0;
  for (let k = 0; k < values.length; k += CHUNK) {
    const rows = await tx.insert(projections).values(values.slice(k, k + CHUNK)).onConflictDoNothing().returning({ id: projections.id });
    inserted += rows.length;
  }
  return inserted;
}
