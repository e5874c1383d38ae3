// `npm run db:migrate` — applies migrations to $DATABASE_URL (required: production/Neon or any Postgres).
import { migrateDatabase } from '../src/migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db:migrate: set DATABASE_URL (npm start migrates the embedded database by itself)');
  process.exit(2);
}
await migrateDatabase(url);
console.log('db:migrate: migrations applied');
