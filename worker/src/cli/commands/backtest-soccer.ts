// `fairline backtest soccer --train <csv...> --test <csv...> [options] [--json]`
// Reads football-data.co.uk CSVs, runs the walk-forward Dixon–Coles backtest from @fairline/ml and prints the
// model next to the margin-free Pinnacle closing odds. Transport only: all modelling lives in ml/.
import { readFileSync } from 'node:fs';
import { parseFootballDataCsv } from '@fairline/ml/data/football-data';
import {
  SOCCER_DEFAULTS,
  backtestMatchFromFootballData,
  backtestSoccer,
  type BacktestMatch,
  type BacktestReport,
} from '@fairline/ml/soccer/index';
import { defineCommand, numberOption as num } from '../command.ts';

function load(files: string[], log: (s: string) => void): BacktestMatch[] {
  const out: BacktestMatch[] = [];
  for (const f of files) {
    const res = parseFootballDataCsv(readFileSync(f, 'utf8'));
    for (const r of res.rejects.slice(0, 5)) log(`${f}:${r.row}: skipped row: ${r.reason}`);
    if (res.rejects.length > 5) log(`${f}: … ${res.rejects.length - 5} more rejected rows`);
    out.push(...res.matches.map(backtestMatchFromFootballData));
  }
  return out;
}

/** `fairline backtest soccer`. */
export const command = defineCommand({
  name: 'backtest soccer',
  options: {
    train: { type: 'string', arg: '<csv...>', multiple: true, required: true },
    test: { type: 'string', arg: '<csv...>', multiple: true, required: true },
    xi: { type: 'string', arg: String(SOCCER_DEFAULTS.xi) },
    'window-days': { type: 'string', arg: String(SOCCER_DEFAULTS.windowDays) },
    shrinkage: { type: 'string', arg: '<n>' },
    'shots-weight': { type: 'string', arg: String(SOCCER_DEFAULTS.shotsOnTargetWeight) },
    'pure-dc': { type: 'boolean' },
    'refit-days': { type: 'string', arg: '0' },
    edge: { type: 'string', arg: '0.03' },
    kelly: { type: 'string', arg: '0.25' },
  },
  run({ values }) {
    const config = {
      xi: num(values.xi, 'xi', SOCCER_DEFAULTS.xi),
      windowDays: num(values['window-days'], 'window-days', SOCCER_DEFAULTS.windowDays),
      shrinkage: num(values.shrinkage, 'shrinkage', SOCCER_DEFAULTS.shrinkage),
      newcomer: SOCCER_DEFAULTS.newcomer,
      shotsOnTargetWeight: values['pure-dc'] ? 0 : num(values['shots-weight'], 'shots-weight', SOCCER_DEFAULTS.shotsOnTargetWeight),
      refitDays: num(values['refit-days'], 'refit-days', 0),
      betting: { edgeThreshold: num(values.edge, 'edge', 0.03), kellyFraction: num(values.kelly, 'kelly', 0.25) },
    };
    const log = (s: string) => process.stderr.write(`${s}\n`);
    const history = load(values.train, log);
    const test = load(values.test, log);
    const showProgress = !values.json && process.stderr.isTTY;
    const report = backtestSoccer(history, test, { ...config, ...(showProgress ? { onProgress: progressBar } : {}) });
    if (showProgress) process.stderr.write('\n');
    if (values.json) console.log(JSON.stringify(summary(report)));
    else printHuman(report);
    return 0;
  },
});

/** Runs the command on the words after `fairline backtest soccer`; resolves to the exit code. */
export const run = command.run;

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} matches`);
}

/** The JSON report: the figures of the backtest without the per-match records. */
export function summary(r: BacktestReport) {
  return {
    matches: r.matches,
    compared: r.compared,
    skippedNoClosing: r.skippedNoClosing,
    model: r.model,
    market: r.market,
    betting: { bets: r.betting.bets, roi: r.betting.roi, maxDrawdown: r.betting.maxDrawdown, clv: r.betting.clv },
    fit: { count: r.fit.count, medianMs: r.fit.medianMs },
  };
}

function printHuman(r: BacktestReport): void {
  const f = (x: number, d = 4) => x.toFixed(d);
  console.log(`walk-forward backtest: ${r.matches} matches predicted, ${r.compared} compared with closing odds` +
    (r.skippedNoClosing > 0 ? ` (${r.skippedNoClosing} skipped: no closing odds)` : ''));
  console.log('              RPS      log loss  Brier');
  console.log(`  model       ${f(r.model.rps)}   ${f(r.model.logLoss)}    ${f(r.model.brier)}`);
  console.log(`  market      ${f(r.market.rps)}   ${f(r.market.logLoss)}    ${f(r.market.brier)}`);
  console.log(`  model/market RPS ratio: ${f(r.model.rps / r.market.rps)}`);
  const b = r.betting;
  console.log(`betting: ${b.bets} bets, ROI ${(100 * b.roi).toFixed(2)}%, max drawdown ${(100 * b.maxDrawdown).toFixed(1)}%, CLV ${(100 * b.clv).toFixed(2)}%`);
  console.log(`fits: ${r.fit.count}, median ${f(r.fit.medianMs, 2)} ms`);
}
