/** Reading a test database directly, for assertions on what a verb or command stored. */
import type { PoolDb } from '@fairline/db';
import type { sql } from 'drizzle-orm';

/** The rows of the raw SQL query `q` on `db`, typed as `T` (the driver's rows as they come: the type is not checked). */
export const rowsOf = async <T>(db: PoolDb, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
