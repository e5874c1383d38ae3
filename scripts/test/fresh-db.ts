/**
 * A database of one's own for a test suite, cloned from the migrated template (fast: a file copy inside
 * Postgres). Node-side suites use this; workerd suites use worker/test/worker/support/fresh-db.ts (same idea
 * through the Neon proxy, since workerd cannot open raw TCP with `pg`).
 */
import { randomBytes } from 'node:crypto';
import ws from 'ws';
import { createPoolDb, type PoolDb } from '@fairline/db';
import { dropDatabase, ensureDatabase } from '@fairline/local/postgres';
import type { TestStackInfo } from './global-setup.ts';

export interface FreshDb {
  name: string;
  url: string;
  localProxy: string;
  db: PoolDb;
  drop(): Promise<void>;
}

export async function freshDatabase(stack: TestStackInfo): Promise<FreshDb> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(stack.adminUrl, name, stack.templateDb);
  const url = stack.adminUrl.replace(/\/postgres$/, `/${name}`);
  const { db, close } = createPoolDb({ url, localProxy: stack.neonProxy, webSocketConstructor: ws });
  return {
    name,
    url,
    localProxy: stack.neonProxy,
    db,
    async drop() {
      await close();
      await dropDatabase(stack.adminUrl, name);
    },
  };
}
