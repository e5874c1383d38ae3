// Applies the generated migrations in db/migrations. Runs on Node (the `db:migrate` script, `npm start`,
// the test setup) against the local Postgres or, with DATABASE_URL, against Neon.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Absolute path of db/migrations, the SQL that `drizzle-kit generate` writes from db/src/schema. */
export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/**
 * Applies every pending migration of db/migrations to the Postgres at `url` (node-postgres driver, one
 * connection, closed afterwards). Drizzle records applied migrations in `drizzle.__drizzle_migrations`, so a
 * second call is a no-op.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  try {
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
}
