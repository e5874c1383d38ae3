/**
 * `fairline ingest` against real Postgres: a file refused whole (truncated mid-line) exits 1 with the reason, and a
 * good file beside it is still stored; a run of good files exits 0.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/ingest.ts';
import { cliSuite } from '../support/cli.ts';
import { sharedDataDir } from '@fairline/local/paths';
import { sql } from 'drizzle-orm';

const { capture, rowsOf } = cliSuite(run);
const dir = mkdtempSync(join(tmpdir(), 'fairline-ingest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const season = readFileSync(join(sharedDataDir, 'soccer_football_data/E0/E0_2018-19.csv'), 'utf8');
const lines = season.split('\n');
const good = join(dir, 'E0_good.csv');
writeFileSync(good, `${lines.slice(0, 21).join('\n')}\n`); // header + 20 matches
const truncated = join(dir, 'E0_truncated.csv');
writeFileSync(truncated, `${lines.slice(0, 30).join('\n')}\n${lines[30]!.slice(0, 40)}`); // cut mid-row

describe('fairline ingest exit codes', () => {
  it('exits 1 and names the reason when a file is refused whole, keeping the good file', async () => {
    const r = await capture(['football-data', '--file', good, truncated, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ files: 2, inserted: expect.any(Number) });
    const fixtures = await rowsOf<{ n: number }>(sql`select count(*)::int as n from fixtures`);
    expect(fixtures[0]).toMatchObject({ n: 20 });
  });

  it('exits 0 when every file is taken', async () => {
    const r = await capture(['football-data', '--file', good, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ files: 1, unchanged: expect.any(Number) });
  });
});
