/** Running a `fairline` CLI command inside a test: its exit code and what it printed, and the database it should use. */
import { afterAll, beforeAll, inject, vi } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../scripts/test/fresh-db.ts';
import { rowsOf } from './database.ts';

/** Runs a command's `run(argv)` with console output captured (and stderr progress silenced). */
export async function captureRun(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void (out += `${String(s)}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((s: unknown) => void (err += `${String(s)}\n`));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await run(argv), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
  }
}

/** Points the CLI's database settings at a test database; the returned function restores what was there. */
export function useDatabase(db: { url: string; localProxy: string }): () => void {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, NEON_LOCAL_PROXY: process.env.NEON_LOCAL_PROXY };
  process.env.DATABASE_URL = db.url;
  process.env.NEON_LOCAL_PROXY = db.localProxy;
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * The set-up of a suite that runs one CLI command against its own database. Before all tests: a fresh database
 * (cloned from the migrated template), DATABASE_URL / NEON_LOCAL_PROXY pointed at it, then `prepare` (data the
 * tests need). After all: the settings restored and the database dropped. Call it once at the top of the file.
 */
export function cliSuite(run: (argv: string[]) => Promise<number>, prepare?: (fresh: FreshDb) => Promise<void>) {
  let fresh: FreshDb | undefined;
  let restoreDatabase = () => {};
  beforeAll(async () => {
    fresh = await freshDatabase(inject('stack'));
    restoreDatabase = useDatabase(fresh);
    await prepare?.(fresh);
  });
  afterAll(async () => {
    restoreDatabase();
    await fresh?.drop();
  });
  const current = () => {
    if (!fresh) throw new Error('cliSuite: the database exists only while the suite runs (inside its tests and hooks)');
    return fresh;
  };
  return {
    /** Runs the command with `argv`: its exit code and what it printed. */
    capture: (argv: string[]) => captureRun(run, argv),
    /** The suite's database. */
    db: () => current().db,
    /** The rows of a raw SQL query on the suite's database. */
    rowsOf: <T>(q: Parameters<typeof rowsOf>[1]) => rowsOf<T>(current().db, q),
  };
}
