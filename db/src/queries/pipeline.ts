/**
 * The event pipeline's statements: the push watermarks (how far each live stream was published), which fixtures have
 * odds changes above a watermark (what a producer enqueues), the live state of a set of fixtures (what the consumer
 * publishes), and the dead letters it records.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import type { Sport } from '../schema/enums.ts';
import { oddsSnapshots } from '../schema/odds/index.ts';
import { deadLetters, pushWatermarks } from '../schema/ops/push-pipeline.ts';
import { fixtures } from '../schema/sports/fixtures.ts';
import type { FixtureUpdate } from './fixtures.ts';

/** The id of the newest row of `stream` already published, 0 when the stream was never pushed. */
export async function pushWatermark(db: Db, stream: string): Promise<number> {
  const [row] = await db.select({ lastId: pushWatermarks.lastId }).from(pushWatermarks).where(eq(pushWatermarks.stream, stream));
  return Number(row?.lastId ?? 0);
}

/**
 * Moves `stream`'s watermark to `lastId` when that is further than where it stands (never back: a slow consumer that
 * finishes after a faster one must not re-open what was pushed). Returns the watermark after the call.
 */
export async function advancePushWatermark(db: Tx, stream: string, lastId: number): Promise<number> {
  const [row] = await db
    .insert(pushWatermarks)
    .values({ stream, lastId })
    .onConflictDoUpdate({
      target: pushWatermarks.stream,
      set: { lastId: sql`greatest(${pushWatermarks.lastId}, excluded.last_id)`, updatedAt: sql`now()` },
    })
    .returning({ lastId: pushWatermarks.lastId });
  return Number(row!.lastId);
}

/** The fixtures (id and sport) with a `source` odds row above `sinceId`, at most `limit`, by fixture id. */
export async function oddsFixturesSince(db: Db, source: string, sinceId: number, limit: number): Promise<{ id: number; sport: Sport }[]> {
  return db
    .selectDistinct({ id: fixtures.id, sport: fixtures.sport })
    .from(oddsSnapshots)
    .innerJoin(fixtures, eq(fixtures.id, oddsSnapshots.fixtureId))
    .where(and(eq(oddsSnapshots.source, source), gt(oddsSnapshots.id, sinceId)))
    .orderBy(fixtures.id)
    .limit(limit);
}

/** The live state (sport, status, score) of each of `ids` that exists. */
export async function fixtureUpdatesOf(db: Db, ids: readonly number[]): Promise<FixtureUpdate[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: fixtures.id, sport: fixtures.sport, status: fixtures.status, homeScore: fixtures.homeScore, awayScore: fixtures.awayScore })
    .from(fixtures)
    .where(inArray(fixtures.id, [...ids]))
    .orderBy(fixtures.id);
}

/** A dead letter as the pipeline records it. */
export interface NewDeadLetter {
  queue: string;
  messageId: string;
  attempts: number;
  body: unknown;
}

/** Records dead letters, once per queue and message id (a redelivery is not a second row); returns the rows added. */
export async function insertDeadLetters(db: Tx, rows: readonly NewDeadLetter[]): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await db
    .insert(deadLetters)
    .values(rows.map((r) => ({ queue: r.queue, messageId: r.messageId, attempts: r.attempts, body: r.body ?? null })))
    .onConflictDoNothing({ target: [deadLetters.queue, deadLetters.messageId] })
    .returning({ id: deadLetters.id });
  return added.length;
}
