/**
 * `fairline train game-lines --games <csv...> --seasons <from-to | a,b,c> [--test <season...>] [--json]`
 *
 * Fits the NFL game-lines model (key-number margin and total laws anchored on the market line) on the given
 * seasons of nflverse games files, scores it on the `--test` seasons when given, and stores ONE model version
 * through the `trainGameLines` verb (re-running with an identical fit reuses its version). Database: as
 * `fairline train props` (DATABASE_URL + NEON_LOCAL_PROXY, else the local embedded default). Transport only.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { silentLogger } from '../../lib/logger.ts';
import { trainGameLines, type TrainGameLinesResult } from '../../services/nfl/game-lines/index.ts';
import { expandMultiValue } from '../args.ts';
import { openCliDatabase } from '../database.ts';

const USAGE = 'usage: fairline train game-lines --games <games csv...> --seasons <from-to | a,b,c> [--test <season...>] [--json]';

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

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: expandMultiValue(argv, ['--games', '--test']),
    options: {
      games: { type: 'string', multiple: true },
      seasons: { type: 'string' },
      test: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.games?.length || !values.seasons) {
    console.error(USAGE);
    return 2;
  }
  const trainSeasons = parseSeasons(values.seasons);
  const testSeasons = (values.test ?? []).flatMap((t) => parseSeasons(t) ?? [NaN]);
  if (!trainSeasons || testSeasons.some((s) => !Number.isInteger(s))) {
    console.error(`fairline train game-lines: --seasons takes a range (2010-2018) or a list (2016,2017) and --test season years\n${USAGE}`);
    return 2;
  }
  if (testSeasons.some((s) => trainSeasons.includes(s))) {
    console.error(`fairline train game-lines: the --test seasons overlap the training seasons`);
    return 2;
  }
  const gamesCsvs = values.games.map((f) => readFileSync(f, 'utf8'));
  if (!values.json) process.stderr.write(`fitting game lines on ${trainSeasons.join(', ')}${testSeasons.length ? `; scoring ${testSeasons.join(', ')}` : ''}\n`);

  const conn = await openCliDatabase();
  let result: TrainGameLinesResult;
  try {
    result = await trainGameLines({
      ctx: { db: conn.db, read: conn.db, cache: null, clock: () => new Date(), logger: silentLogger, fetch },
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
}
