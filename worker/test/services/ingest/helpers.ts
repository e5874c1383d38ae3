// Shared bits of the ingestion suites: a context over a fresh database and the shared data files on disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Ctx } from '../../../src/context.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import type { IngestFile } from '../../../src/services/ingest/types.ts';
import type { FreshDb } from '../../../../scripts/test/fresh-db.ts';

export const SHARED = resolve(import.meta.dirname, '../../../../../shared/data');

/** The context slice ingestion takes, over the suite's database. */
export function ctxFor(fresh: FreshDb, fetchImpl: typeof fetch = fetch): Pick<Ctx, 'db' | 'clock' | 'logger' | 'fetch'> {
  return { db: fresh.db, clock: () => new Date(), logger: silentLogger, fetch: fetchImpl };
}

/** Every CSV under a folder of ../shared/data, sorted, as {name, text}. */
export function sharedFiles(sub: string): IngestFile[] {
  const dir = join(SHARED, sub);
  const out: IngestFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.csv')) out.push({ name: relative(SHARED, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}
