// The embedded default's database: created if missing, migrated, seeded with the simulated demo data when empty,
// and given the demo accounts when missing. Shared by `npm start` and the benchmarks that boot a platform of their own.
import ws from 'ws';
import { createPoolDb } from '@fairline/db';
import { migrateDatabase } from '@fairline/db/migrate';
import { seedDemoUsers, seedSimulatedData, seedSimulatedModelHistory, seedSimulatedSoccerHistory, type DemoUserSeed, type SeedSummary } from '@fairline/worker/seed';
import type { LocalStack } from '@fairline/local/stack';

export async function prepareDemoDatabase(stack: LocalStack, database: string): Promise<SeedSummary & { demoUsers: DemoUserSeed[] }> {
  await stack.postgres.ensureDatabase(database);
  await migrateDatabase(stack.postgres.url(database));
  const env = stack.env(database);
  const { db, close } = createPoolDb({ url: env.DATABASE_URL!, localProxy: env.NEON_LOCAL_PROXY, webSocketConstructor: ws });
  try {
    const summary = await seedSimulatedData(db);
    // The /models page's simulated walk-forward history (once; never inside the tests' seeded databases).
    await seedSimulatedModelHistory(db);
    // The soccer GBDT variants' simulated past seasons and their first trained versions (after the /models history, which
    // walks the current season only; never inside the tests' seeded databases).
    await seedSimulatedSoccerHistory(db);
    return { ...summary, demoUsers: await seedDemoUsers(db) };
  } finally {
    await close();
  }
}
