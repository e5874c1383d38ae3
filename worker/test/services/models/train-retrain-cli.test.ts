/**
 * `fairline train retrain` against real Postgres (DATABASE_URL = this suite's database): what the daily cron does,
 * reproducible from the command line — every slot's outcome, gate figures and CPU, as text or JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/train-retrain.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import type { RetrainReport } from '../../../src/services/models/retrain/retrain.ts';
import { cliSuite } from '../../support/cli.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data');
const { capture } = cliSuite(run, async (fresh) => {
  // The CLI retrains at the wall clock: matches within Dixon–Coles' window of today do not exist in the shared files,
  // so this suite ingests one season and checks the command's report, not a fit.
  const text = readFileSync(path.join(DATA, 'soccer_football_data/E0/E0_2019-20.csv'), 'utf8');
  await ingestFootballData({ ctx: { db: fresh.db, clock: () => new Date(), logger: silentLogger }, input: { files: [{ name: 'E0_2019-20.csv', text }] } });
});

describe('fairline train retrain', () => {
  it('reports each slot of the kinds asked for, with its outcome and CPU, as JSON and as text', async () => {
    const json = await capture(['--kind', 'soccer_dixon_coles', '--kind', 'nfl_game_lines', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as RetrainReport;
    expect(report.runs.map((r) => [r.kind, r.scope, r.outcome])).toEqual([
      ['soccer_dixon_coles', 'soccer:E0', 'too-few'],
      ['nfl_game_lines', 'nfl', 'too-few'],
    ]);
    expect(report.runs.every((r) => typeof r.cpuMs === 'number')).toBe(true);
    const text = await capture(['--kind', 'nfl_game_lines']);
    expect(text.out).toMatch(/^nfl_game_lines +nfl +too-few +cpu \d+ ms — 0 finished games with lines/m);
  });

  it('refuses an unknown kind (exit 2)', async () => {
    expect((await capture(['--kind', 'dixon_coles'])).code).toBe(2);
  });
});
