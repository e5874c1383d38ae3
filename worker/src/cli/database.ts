/**
 * The database a CLI command writes to: DATABASE_URL (+ NEON_LOCAL_PROXY) when set — expected to be migrated
 * already — else the local embedded default in .data/dev: the `npm start` cluster when it is running (its Neon
 * proxy too, or a private one), otherwise a stack of our own on the same dir/ports, stopped again by `close`.
 * The embedded default is migrated before use.
 */
import type { PoolDb } from '@fairline/db';

export interface CliDatabase {
  db: PoolDb;
  /** '' for DATABASE_URL; a label for the embedded default, for the command's summary line. */
  where: string;
  close(): Promise<void>;
}

const DATABASE = 'fairline';

export async function openCliDatabase(): Promise<CliDatabase> {
  const ws = (await import('ws')).default;
  const { createPoolDb } = await import('@fairline/db');
  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    const { db, close } = createPoolDb({ url: envUrl, localProxy: process.env.NEON_LOCAL_PROXY, webSocketConstructor: ws });
    return { db, close, where: '' };
  }
  const { join } = await import('node:path');
  const { DEV_PORTS, startLocalStack } = await import('@fairline/local/stack');
  const { dataDir } = await import('@fairline/local/paths');
  const { ensureDatabase, localPostgresUrl } = await import('@fairline/local/postgres');
  const { isPortFree } = await import('@fairline/local/wait');
  const { migrateDatabase } = await import('@fairline/db/migrate');
  let stop: () => Promise<void> = async () => {};
  let url: string;
  let proxy = `127.0.0.1:${DEV_PORTS.neonProxy}`;
  if (!(await isPortFree(DEV_PORTS.postgres))) {
    url = localPostgresUrl(DEV_PORTS.postgres, DATABASE);
    await ensureDatabase(localPostgresUrl(DEV_PORTS.postgres, 'postgres'), DATABASE);
    if (await isPortFree(DEV_PORTS.neonProxy)) {
      const { startNeonProxy } = await import('@fairline/local/neon-proxy');
      const p = await startNeonProxy({ port: 0 });
      proxy = `127.0.0.1:${p.port}`;
      stop = () => p.close();
    }
  } else {
    const stack = await startLocalStack({ dir: join(dataDir, 'dev'), ports: DEV_PORTS, withRedis: false, quiet: true });
    await stack.postgres.ensureDatabase(DATABASE);
    url = stack.postgres.url(DATABASE);
    stop = () => stack.stop();
  }
  await migrateDatabase(url);
  const { db, close } = createPoolDb({ url, localProxy: proxy, webSocketConstructor: ws });
  return {
    db,
    where: 'local embedded Postgres',
    async close() {
      await close();
      await stop();
    },
  };
}
