/**
 * A portfolio suite's world: its own database seeded with the simulated league and NFL season at NOW, two users (ana and
 * ben) inserted directly, and verb contexts acting for each with a clock the test moves.
 */
import { fixtures, oddsSnapshots, users, bookmakers, type PoolDb } from '@fairline/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, inject } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { seedSimulatedData } from '../../../src/seed/index.ts';
import type { UserCtx } from '../../../src/services/auth/actor.ts';

/** The seed's "now": fixtures before it are played, after it scheduled. */
export const NOW = Date.UTC(2026, 10, 21, 12);

/** A test user and a way to act as them. */
export interface TestUser {
  id: string;
  email: string;
  /** A verb context acting for this user (a session), with the suite's clock. */
  ctx: UserCtx;
}

/** The suite's database, users and clock. Call once at the top of a file; the values exist inside tests and hooks. */
export function portfolioSuite() {
  const state = { fresh: undefined as FreshDb | undefined, now: NOW, ana: undefined as TestUser | undefined, ben: undefined as TestUser | undefined };
  const clock = () => new Date(state.now);
  const userOf = async (db: PoolDb, email: string): Promise<TestUser> => {
    const [u] = await db.insert(users).values({ email, passwordHash: 'x' }).returning({ id: users.id });
    const user = { id: u!.id, email, role: 'user' as const, plan: 'free' as const };
    return {
      id: user.id,
      email,
      ctx: { db, read: db, cache: null, clock, logger: silentLogger, fetch, principal: { kind: 'session', user, sessionId: 'test', viaCookie: false }, user },
    };
  };
  beforeAll(async () => {
    state.fresh = await freshDatabase(inject('stack'));
    await seedSimulatedData(state.fresh.db, NOW);
    state.ana = await userOf(state.fresh.db, 'ana@example.test');
    state.ben = await userOf(state.fresh.db, 'ben@example.test');
  });
  afterAll(async () => {
    await state.fresh?.drop();
  });
  const db = () => state.fresh!.db;
  return {
    db,
    fresh: () => state.fresh!,
    ana: () => state.ana!,
    ben: () => state.ben!,
    /** Moves the suite's clock (every context's `clock`). */
    setNow: (t: number | Date) => void (state.now = typeof t === 'number' ? t : t.getTime()),
    /** The system context of the crons (no caller), on the suite's clock. */
    systemCtx: () => ({ db: db(), read: db(), cache: null, clock, logger: silentLogger, fetch }),
    /** The first scheduled fixture of a sport at the suite's start. */
    nextFixture: async (sport: 'soccer' | 'nfl') => {
      const [f] = await db().select().from(fixtures).where(and(eq(fixtures.sport, sport), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt), asc(fixtures.id)).limit(1);
      return f!;
    },
    /** The current odds rows of a fixture and market (the seed's book). */
    oddsOf: (fixtureId: number, market: string) =>
      db().select().from(oddsSnapshots).where(and(eq(oddsSnapshots.fixtureId, fixtureId), sql`${oddsSnapshots.market} = ${market}`)).orderBy(asc(oddsSnapshots.id)),
    /** A bookmaker by key, created when missing; answers its id. */
    book: async (key: string) => {
      await db().insert(bookmakers).values({ key, name: key }).onConflictDoNothing();
      return (await db().select({ id: bookmakers.id }).from(bookmakers).where(eq(bookmakers.key, key)))[0]!.id;
    },
  };
}
