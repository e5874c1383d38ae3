/** Running a `fairline` CLI command inside a test: its exit code and what it printed, and the database it should use. */
import { vi } from 'vitest';

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
