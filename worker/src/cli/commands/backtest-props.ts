// `fairline backtest props --train <weekly csv...> --test <weekly csv...> --games <games csv...> [--markets a,b] [--json]`
// Fits one prop model per market on the seasons of the --train files and scores the seasons of the --test
// files where a book would offer a line, next to the rolling-8 baseline. Transport only: modelling is in ml/.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ALL_MARKETS, backtestProps, buildEnv, MARKETS, parseWeekly, scoresOnly, type MarketName, type MarketReport } from '@fairline/ml/nfl/props/index';
import { expandMultiValue } from '../args.ts';

const USAGE =
  'usage: fairline backtest props --train <weekly csv...> --test <weekly csv...> --games <games csv...> ' +
  `[--markets ${ALL_MARKETS.join(',')}] [--json]`;

const seasonsOf = (texts: string[]) => [...new Set(parseWeekly(texts).season)].sort((a, b) => a - b);

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: expandMultiValue(argv, ['--train', '--test', '--games']),
    options: {
      train: { type: 'string', multiple: true },
      test: { type: 'string', multiple: true },
      games: { type: 'string', multiple: true },
      markets: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.train?.length || !values.test?.length || !values.games?.length) {
    console.error(USAGE);
    return 2;
  }
  const markets = (values.markets ? values.markets.split(',').map((m) => m.trim()) : ALL_MARKETS) as MarketName[];
  const unknown = markets.filter((m) => !(m in MARKETS));
  if (unknown.length) {
    console.error(`unknown market(s): ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const read = (files: string[]) => files.map((f) => readFileSync(f, 'utf8'));
  const train = read(values.train);
  const test = read(values.test);
  const trainSeasons = seasonsOf(train);
  const testSeasons = seasonsOf(test);
  const env = buildEnv([...train, ...test], read(values.games));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  if (!values.json) log(`training on ${trainSeasons.join(', ')}; testing on ${testSeasons.join(', ')}`);
  const reports = backtestProps(env, trainSeasons, testSeasons, {
    markets,
    ...(values.json ? {} : { onMarket: (m: MarketName) => log(`  fitted ${m}`) }),
  });
  if (values.json) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(reports).map(([m, r]) => [m, scoresOnly(r)]))));
  } else {
    printHuman(reports);
  }
  return 0;
}

function printHuman(reports: Partial<Record<MarketName, MarketReport>>): void {
  const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–').padStart(8);
  console.log(`${'market'.padEnd(16)}${'n'.padStart(6)}${'MAE'.padStart(8)}${'base'.padStart(8)}${'Δ%'.padStart(8)}` +
    `${'ECE'.padStart(8)}${'base'.padStart(8)}${'cov80'.padStart(8)}${'base'.padStart(8)}${'logloss'.padStart(8)}${'base'.padStart(8)}`);
  for (const [m, r] of Object.entries(reports)) {
    console.log(`${m.padEnd(16)}${String(r.n).padStart(6)}${f(r.mae, 2)}${f(r.baselineMae, 2)}${f(100 * (1 - r.mae / r.baselineMae), 1)}` +
      `${f(r.ece, 4)}${f(r.baseline.ece, 4)}${f(r.coverage80, 3)}${f(r.baseline.coverage80, 3)}${f(r.logLoss, 4)}${f(r.baseline.logLoss, 4)}`);
  }
}
