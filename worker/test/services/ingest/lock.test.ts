/**
 * Two runs of one source never interleave (the source's lease row), a run that may not wait fails fast with a
 * clear error, and runs of different sources are independent. Also: the CLI's --url path with retries.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { run } from '../../../src/cli/commands/ingest.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import { acquireSourceLock } from '../../../src/services/ingest/lock.ts';
import { ingestNflverseGames } from '../../../src/services/ingest/nflverse/games.ts';
import { listIngestionRuns } from '../../../src/services/ingest/runs.ts';
import { IngestBusyError } from '../../../src/services/ingest/types.ts';
import { ctxFor, SHARED, sharedFiles } from './helpers.ts';

let fresh: FreshDb;
beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});

const E0 = () => sharedFiles('soccer_football_data/E0').slice(0, 3);

describe('lock per source', () => {
  it('serialises two concurrent runs of the same source', async () => {
    const ctx = ctxFor(fresh);
    const [a, b] = await Promise.all([ingestFootballData({ ctx, input: { files: E0() } }), ingestFootballData({ ctx, input: { files: E0() } })]);
    const runs = (await listIngestionRuns({ ctx, input: { source: 'football-data', limit: 10 } })).sort((x, y) => x.id - y.id);
    expect(runs).toHaveLength(2);
    // The second run started only after the first had finished, and found everything already there.
    expect(runs[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[0]!.finishedAt!.getTime());
    const [firstRun, secondRun] = a.runId < b.runId ? [a, b] : [b, a];
    expect(firstRun.inserted).toBeGreaterThan(0);
    // (E0 teams are all in the reference table, so every row the first run inserted is a fixture or a price.)
    expect(secondRun).toMatchObject({ inserted: 0, updated: 0, unchanged: firstRun.inserted });
  });

  it('fails fast (or after its timeout) while another run holds the lock, and not for another source', async () => {
    const ctx = ctxFor(fresh);
    const held = await acquireSourceLock(fresh.db, 'football-data', { wait: false, timeoutMs: 0 });
    try {
      await expect(ingestFootballData({ ctx, input: { files: E0(), waitForLock: false } })).rejects.toBeInstanceOf(IngestBusyError);
      await expect(ingestFootballData({ ctx, input: { files: E0(), lockTimeoutMs: 500 } })).rejects.toThrow(
        /another football-data ingestion run is in progress/,
      );
      const other = await ingestNflverseGames({ ctx, input: { files: sharedFiles('nfl_games'), waitForLock: false } });
      expect(other.failedFiles).toBe(0);
    } finally {
      await held.release();
    }
    const after = await ingestFootballData({ ctx, input: { files: E0(), waitForLock: false } });
    expect(after).toMatchObject({ inserted: 0, updated: 0 });
  });
});

describe('CLI --url', () => {
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    const body = readFileSync(join(SHARED, 'soccer_football_data/E1/E1_2014-15.csv'));
    server = createServer((_req, res) => {
      hits++;
      if (hits === 1) {
        res.writeHead(503);
        res.end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('fetches with a retry and ingests the body', async () => {
    const saved = { url: process.env.DATABASE_URL, proxy: process.env.NEON_LOCAL_PROXY };
    process.env.DATABASE_URL = fresh.url;
    process.env.NEON_LOCAL_PROXY = fresh.localProxy;
    const logs: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void logs.push(String(m)));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mmz4281/1415/E1.csv`;
      expect(await run(['football-data', '--url', url, '--json'])).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.proxy === undefined) delete process.env.NEON_LOCAL_PROXY;
      else process.env.NEON_LOCAL_PROXY = saved.proxy;
    }
    expect(hits).toBe(2);
    const out = JSON.parse(logs.at(-1)!) as Record<string, number>;
    expect(Object.keys(out)).toEqual(['files', 'inserted', 'updated', 'unchanged', 'rejected', 'ms']);
    expect(out).toMatchObject({ files: 1, updated: 0, unchanged: 0, rejected: 0 });
    expect(out.inserted).toBeGreaterThan(552);
  });
});
