// `fairline backtest props --train <weekly csv...> --test <weekly csv...> --games <games csv...> [--markets a,b] [--json]`
// Fits one prop model per market on the seasons of the --train files and scores the seasons of the --test
// files where a book would offer a line, next to the rolling-8 baseline. Transport only: modelling is in ml/.
import { readFileSync } from 'node:fs';
import { ALL_MARKETS, backtestProps, buildEnv, parseWeekly, scoresOnly, type MarketName, type MarketReport } from '@fairline/ml/nfl/props/index';
import { defineCommand } from '../command.ts';
import { propMarkets } from '../prop-markets.ts';

const seasonsOf = (texts: string[]) => [...new Set(parseWeekly(texts).season)].sort((a, b) => a - b);

/** `fairline backtest props`. */
export const command = defineCommand({
  name: 'backtest props',
  options: {
    train: { type: 'string', arg: '<weekly csv...>', multiple: true, required: true },
    test: { type: 'string', arg: '<weekly csv...>', multiple: true, required: true },
    games: { type: 'string', arg: '<games csv...>', multiple: true, required: true },
    markets: { type: 'string', arg: ALL_MARKETS.join(',') },
  },
  run({ values }) {
    const markets = propMarkets(values.markets);
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
  },
});

/** Runs the command on the words after `fairline backtest props`; resolves to the exit code. */
export const run = command.run;

function printHuman(reports: Partial<Record<MarketName, MarketReport>>): void {
  const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–').padStart(8);
  console.log(`${'market'.padEnd(16)}${'n'.padStart(6)}${'MAE'.padStart(8)}${'base'.padStart(8)}${'Δ%'.padStart(8)}` +
    `${'ECE'.padStart(8)}${'base'.padStart(8)}${'cov80'.padStart(8)}${'base'.padStart(8)}${'logloss'.padStart(8)}${'base'.padStart(8)}`);
  for (const [m, r] of Object.entries(reports)) {
    console.log(`${m.padEnd(16)}${String(r.n).padStart(6)}${f(r.mae, 2)}${f(r.baselineMae, 2)}${f(100 * (1 - r.mae / r.baselineMae), 1)}` +
      `${f(r.ece, 4)}${f(r.baseline.ece, 4)}${f(r.coverage80, 3)}${f(r.baseline.coverage80, 3)}${f(r.logLoss, 4)}${f(r.baseline.logLoss, 4)}`);
  }
}
