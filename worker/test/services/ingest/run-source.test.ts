/**
 * The run skeleton: per-file transactions (a failing file leaves none of its writes), run and reject records,
 * and one retry of a file whose transaction hit a transient conflict (deadlock / serialization failure).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { runSource } from '../../../src/services/ingest/run-source.ts';
import { listIngestionRejects, listIngestionRuns } from '../../../src/services/ingest/runs.ts';
import { FileRejectedError } from '../../../src/services/ingest/types.ts';
import { ctxFor } from './helpers.ts';

let fresh: FreshDb;
beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});

const bookmakers = async () =>
  ((await fresh.db.execute(sql`SELECT key FROM bookmakers ORDER BY key`)) as unknown as { rows: { key: string }[] }).rows.map((r) => r.key);

describe('runSource', () => {
  it('retries a file once after a deadlock, rolls back a failed file, and records the run', async () => {
    const attempts = new Map<string, number>();
    const s = await runSource(
      ctxFor(fresh),
      'odds-api',
      [{ name: 'deadlocked-once' }, { name: 'broken' }, { name: 'deadlocked-twice' }],
      async (tx, input) => {
        const n = (attempts.get(input.name) ?? 0) + 1;
        attempts.set(input.name, n);
        await tx.execute(sql`INSERT INTO bookmakers (key, name) VALUES (${`${input.name}-${n}`}, 'x')`);
        if (input.name === 'broken') throw new FileRejectedError('bad file');
        if (input.name === 'deadlocked-twice' || n === 1) {
          throw Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) });
        }
        return { counts: { inserted: 1, updated: 0, unchanged: 0, rejected: 0 }, rejects: [{ row: 7, raw: 'r', reason: 'kept' }] };
      },
    );
    expect(Object.fromEntries(attempts)).toEqual({ 'deadlocked-once': 2, broken: 1, 'deadlocked-twice': 2 });
    // Only the successful second attempt's write survived.
    expect(await bookmakers()).toEqual(['deadlocked-once-2']);
    expect(s).toMatchObject({ files: 3, failedFiles: 2, inserted: 1, rejected: 3 });
    const [run] = await listIngestionRuns({ ctx: ctxFor(fresh), input: { source: 'odds-api', limit: 5 } });
    expect(run).toMatchObject({ id: s.runId, status: 'failed', files: 3, inserted: 1, rejected: 3 });
    const rejects = await listIngestionRejects({ ctx: ctxFor(fresh), input: { runId: s.runId } });
    expect(rejects.map((r) => [r.file, r.rowNumber, r.reason])).toEqual([
      ['broken', null, 'file aborted: bad file'],
      ['deadlocked-once', 7, 'kept'],
      ['deadlocked-twice', null, 'file aborted: Failed query'],
    ]);
  });

  it('closes runs a dead process left running when the next run of that source starts', async () => {
    await fresh.db.execute(sql`INSERT INTO ingestion_runs (source, status) VALUES ('nflverse-games', 'running'), ('football-data', 'running')`);
    const s = await runSource(ctxFor(fresh), 'nflverse-games', [], async () => ({
      counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
      rejects: [],
    }));
    const others = (await listIngestionRuns({ ctx: ctxFor(fresh), input: { limit: 10 } }))
      .filter((r) => r.id !== s.runId && r.source !== 'odds-api')
      .map((r) => [r.source, r.status, r.error])
      .sort();
    expect(others).toEqual([
      ['football-data', 'running', null], // another source's run is not ours to judge
      ['nflverse-games', 'failed', 'interrupted: the process ended before the run finished'],
    ]);
  });
});
