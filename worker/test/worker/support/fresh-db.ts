/**
 * Inside workerd there is no `pg` (raw TCP), so a suite creates its own database from the migrated template
 * through the Neon proxy — the same path production code uses to reach Postgres.
 */
import { createPoolDb, fixtures, type PoolDb } from '@fairline/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { env } from 'cloudflare:test';

/** The generated `Env` plus what worker/vitest.config.ts binds for tests only. */
export interface TestEnv extends Env {
  NEON_LOCAL_PROXY?: string;
  UPSTASH_REDIS_REST_URL?: string;
  TEST_ADMIN_DATABASE_URL: string;
  TEST_TEMPLATE_DB: string;
  /** A server that accepts connections and never answers (scripts/test/silent-server.ts): a Redis that hangs. */
  TEST_SILENT_URL: string;
}

export const testEnv = env as unknown as TestEnv;

export interface SuiteDb {
  env: TestEnv;
  db: PoolDb;
  drop(): Promise<void>;
}

export async function suiteDatabase(): Promise<SuiteDb> {
  const name = `w_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = createPoolDb({ url: testEnv.TEST_ADMIN_DATABASE_URL, localProxy: testEnv.NEON_LOCAL_PROXY });
  await admin.db.execute(sql.raw(`create database "${name}" template "${testEnv.TEST_TEMPLATE_DB}"`));
  await admin.close();
  const url = testEnv.TEST_ADMIN_DATABASE_URL.replace(/\/postgres$/, `/${name}`);
  const { db, close } = createPoolDb({ url, localProxy: testEnv.NEON_LOCAL_PROXY });
  return {
    env: { ...testEnv, DATABASE_URL: url },
    db,
    async drop() {
      await close();
      const a = createPoolDb({ url: testEnv.TEST_ADMIN_DATABASE_URL, localProxy: testEnv.NEON_LOCAL_PROXY });
      await a.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await a.close();
    },
  };
}

/** The first scheduled fixture of a sport (in a seeded suite database). */
export async function nextGame(db: PoolDb, sport: 'nfl' | 'soccer') {
  const [row] = await db.select().from(fixtures).where(and(eq(fixtures.sport, sport), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
  if (!row) throw new Error(`no scheduled ${sport} fixture in the suite database`);
  return row;
}
