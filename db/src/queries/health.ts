/** Liveness of the database, for the health check. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** Runs `select 1`: resolves when Postgres answers, rejects when it does not. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
