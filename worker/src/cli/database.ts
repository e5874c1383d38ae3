/**
 * The database a CLI command writes to: DATABASE_URL (+ NEON_LOCAL_PROXY) when set — expected to be migrated
 * already — else the local embedded default in .data/dev: the `npm start` cluster when it is running (its Neon
 * proxy too, or a private one), otherwise a stack of our own on the same dir/ports, stopped again by `close`.
 * The embedded default is migrated before use.
 */
import type { PoolDb } from '@fairline/db';
import type { Ctx } from '../context.ts';
import { silentLogger, type Logger } from '../lib/logger.ts';
import { cliEnv } from './env.ts';

/** An open database for one command, and where it is. */
export interface CliDatabase {
  db: PoolDb;
  /** '' for DATABASE_URL; a label for the embedded default, for the command's summary line. */
  where: string;
  close(): Promise<void>;
}

const DATABASE = 'fairline';

/** Opens the database a command writes to (see the file comment); `close` it when done. */
export async function openCliDatabase(): Promise<CliDatabase> {
  const ws = (await import('ws')).default;
  const { createPoolDb } = await import('@fairline/db');
  const env = cliEnv();
  if (env.DATABASE_URL) {
    const { db, close } = createPoolDb({ url: env.DATABASE_URL, localProxy: env.NEON_LOCAL_PROXY, webSocketConstructor: ws });
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

/** The one `Ctx` over a CLI database: reads and writes on the same pool, no cache tier, the real clock and fetch. */
export function cliContext(db: PoolDb, logger: Logger = silentLogger): Ctx {
  return { db, read: db, cache: null, clock: () => new Date(), logger, fetch };
}
