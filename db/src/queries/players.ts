/**
 * Player statements for the player page (`nfl.props.player`): who the player is, their game log (one row per
 * finished game with its box score), and the next scheduled game an active prop model projects them in.
 */
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import { modelVersions, projections } from '../schema/models/index.ts';
import { fixtures, playerGameStats, players, seasons, teams } from '../schema/sports/index.ts';

/** A player with their current team's short name. */
export interface PlayerRow {
  id: number;
  sport: string;
  name: string;
  position: string | null;
  team: string | null;
}

/** One finished game of a player: when, against whom, home or away, and the box score (null where not recorded). */
export interface GameLogRow {
  fixtureId: number;
  kickoffAt: Date;
  /** The season's label (e.g. `2025`); null when the fixture has none. */
  season: string | null;
  /** The opponent's short name (else name). */
  opponent: string | null;
  /** True when the player's team was at home. */
  home: boolean;
  completions: number | null;
  passAttempts: number | null;
  passingYards: number | null;
  passingTds: number | null;
  carries: number | null;
  rushingYards: number | null;
  rushingTds: number | null;
  targets: number | null;
  receptions: number | null;
  receivingYards: number | null;
  receivingTds: number | null;
}

/** Player `id`, or null when there is none. */
export async function playerById(db: Db, id: number): Promise<PlayerRow | null> {
  const [row] = await db
    .select({ id: players.id, sport: players.sport, name: players.name, position: players.position, team: sql<string | null>`coalesce(${teams.shortName}, ${teams.name})` })
    .from(players)
    .leftJoin(teams, eq(teams.id, players.teamId))
    .where(eq(players.id, id));
  return row ?? null;
}

const opponent = alias(teams, 'opponent');

/** Player `id`'s finished games with their box scores, newest first, at most `limit` (default 200). */
export async function playerGameLog(db: Db, id: number, limit = 200): Promise<GameLogRow[]> {
  return db
    .select({
      fixtureId: fixtures.id,
      kickoffAt: fixtures.kickoffAt,
      season: seasons.label,
      opponent: sql<string | null>`coalesce(${opponent.shortName}, ${opponent.name})`,
      home: sql<boolean>`${playerGameStats.teamId} = ${fixtures.homeTeamId}`,
      completions: playerGameStats.completions,
      passAttempts: playerGameStats.passAttempts,
      passingYards: playerGameStats.passingYards,
      passingTds: playerGameStats.passingTds,
      carries: playerGameStats.carries,
      rushingYards: playerGameStats.rushingYards,
      rushingTds: playerGameStats.rushingTds,
      targets: playerGameStats.targets,
      receptions: playerGameStats.receptions,
      receivingYards: playerGameStats.receivingYards,
      receivingTds: playerGameStats.receivingTds,
    })
    .from(playerGameStats)
    .innerJoin(fixtures, eq(fixtures.id, playerGameStats.fixtureId))
    .leftJoin(opponent, eq(opponent.id, playerGameStats.opponentTeamId))
    .leftJoin(seasons, eq(seasons.id, fixtures.seasonId))
    .where(and(eq(playerGameStats.playerId, id), eq(fixtures.status, 'final')))
    .orderBy(desc(fixtures.kickoffAt), desc(fixtures.id))
    .limit(limit);
}

/** The earliest scheduled fixture kicking off after `now` with a projection of player `id` by an active prop model; null when none. */
export async function nextProjectedFixture(db: Db, id: number, now: Date): Promise<number | null> {
  const [row] = await db
    .select({ id: fixtures.id })
    .from(projections)
    .innerJoin(modelVersions, eq(modelVersions.id, projections.modelVersionId))
    .innerJoin(fixtures, eq(fixtures.id, projections.fixtureId))
    .where(and(eq(projections.playerId, id), eq(modelVersions.status, 'active'), eq(modelVersions.kind, 'nfl_props'), eq(fixtures.status, 'scheduled'), gt(fixtures.kickoffAt, now)))
    .orderBy(asc(fixtures.kickoffAt), asc(fixtures.id))
    .limit(1);
  return row?.id ?? null;
}
