/**
 * `fairline train game-lines --games <csv...> --seasons <from-to | a,b,c> [--test <season...>] [--json]`
 *
 * Fits the NFL game-lines model (key-number margin and total laws anchored on the market line) on the given
 * seasons of nflverse games files, scores it on the `--test` seasons when given, and stores ONE model version
 * through the `trainGameLines` verb (re-running with an identical fit reuses its version). Database: as
 * `fairline train props` (DATABASE_URL + NEON_LOCAL_PROXY, else the local embedded default). Transport only.
 */
import { readFileSync } from 'node:fs';
import { trainGameLines, type TrainGameLinesResult } from '../../services/nfl/game-lines/index.ts';
import { defineCommand, UsageError } from '../command.ts';
import { cliContext, openCliDatabase } from '../database.ts';

/** `2010-2018` or `2015,2016,2018` → sorted seasons; null when malformed. */
export function parseSeasons(s: string): number[] | null {
  const range = /^(\d{4})-(\d{4})$/.exec(s.trim());
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return from <= to ? Array.from({ length: to - from + 1 }, (_, k) => from + k) : null;
  }
  const list = s.split(',').map((x) => x.trim());
  return list.every((x) => /^\d{4}$/.test(x)) ? [...new Set(list.map(Number))].sort((a, b) => a - b) : null;
}

/** `fairline train game-lines`. */
export const command = defineCommand({
  name: 'train game-lines',
  options: {
    games: { type: 'string', arg: '<games csv...>', multiple: true, required: true },
    seasons: { type: 'string', arg: '<from-to | a,b,c>', required: true },
    test: { type: 'string', arg: '<season...>', multiple: true },
  },
  async run({ values }) {
    const trainSeasons = parseSeasons(values.seasons);
    const testSeasons = values.test.flatMap((t) => parseSeasons(t) ?? [NaN]);
    if (!trainSeasons || testSeasons.some((s) => !Number.isInteger(s))) {
      throw new UsageError('--seasons takes a range (2010-2018) or a list (2016,2017) and --test season years');
    }
    if (testSeasons.some((s) => trainSeasons.includes(s))) throw new UsageError('the --test seasons overlap the training seasons');
    const gamesCsvs = values.games.map((f) => readFileSync(f, 'utf8'));
    if (!values.json) process.stderr.write(`fitting game lines on ${trainSeasons.join(', ')}${testSeasons.length ? `; scoring ${testSeasons.join(', ')}` : ''}\n`);

    const conn = await openCliDatabase();
    let result: TrainGameLinesResult;
    try {
      result = await trainGameLines({
        ctx: cliContext(conn.db),
        input: { gamesCsvs, trainSeasons, testSeasons },
      });
    } finally {
      await conn.close();
    }
    if (values.json) console.log(JSON.stringify(result));
    else {
      const m = result.metrics;
      console.log(`game-lines model_versions #${result.id} v${result.version}${result.created ? '' : ' (unchanged, reused)'}${conn.where ? ` (${conn.where})` : ''}`);
      console.log(`trained on ${m.trainGames} games: σ margin ${m.marginSigma!.toFixed(2)} · σ total ${m.totalSigma!.toFixed(2)}`);
      if (m['test.games'] !== undefined) {
        const f = (k: string) => (m[k] === undefined ? '—' : m[k]!.toFixed(4));
        console.log(`test ${result.testSeasons.join(', ')} (${m['test.games']} games): cover log loss ${f('test.spread.sideLogLoss')} · over log loss ${f('test.total.sideLogLoss')} · ` +
          `moneyline log loss ${f('test.moneyline.logLoss')} (books ${f('test.moneyline.marketLogLoss')}) · whole-line push ${f('test.spread.pushPredicted')} predicted vs ${f('test.spread.pushObserved')} observed`);
      }
    }
    return 0;
  },
});

/** Runs the command on the words after `fairline train game-lines`; resolves to the exit code. */
export const run = command.run;
