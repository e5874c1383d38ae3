// `fairline backtest soccer --train <csv...> --test <csv...> [--model dc|default|model|ensemble] [options] [--json]`
// Reads football-data.co.uk CSVs, runs a walk-forward backtest from @fairline/ml and prints the model next to the
// margin-free Pinnacle closing odds and the margin-free pre-close price. Transport only: all modelling lives in ml/.
import { readFileSync } from 'node:fs';
import { parseFootballDataCsv } from '@fairline/ml/data/football-data';
import {
  PURE_DC_DEFAULTS,
  SOCCER_DEFAULTS,
  backtestMatchFromFootballData,
  backtestSoccer,
  type BacktestMatch,
  type BacktestReport,
} from '@fairline/ml/soccer/index';
import { backtestSoccerEnsemble, type EnsembleBacktestReport } from '@fairline/ml/soccer/ensemble/index';
import { UsageError, defineCommand, numberOption as num } from '../command.ts';

/** The models the backtest can run: pure Dixon–Coles, today's default, and the two GBDT variants. */
const MODELS = ['dc', 'default', 'model', 'ensemble'] as const;
type ModelName = (typeof MODELS)[number];

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
    model: { type: 'string', arg: 'default', default: 'default' },
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
    const name = (values.model ?? 'default') as ModelName;
    if (!MODELS.includes(name)) throw new UsageError(`--model must be one of ${MODELS.join(', ')}, got '${values.model}'`);
    // --pure-dc predates --model and still means the pure Dixon–Coles defaults' shots weight of 0.
    const base = name === 'dc' ? PURE_DC_DEFAULTS : SOCCER_DEFAULTS;
    const hp = {
      xi: num(values.xi, 'xi', base.xi),
      windowDays: num(values['window-days'], 'window-days', base.windowDays),
      shrinkage: num(values.shrinkage, 'shrinkage', base.shrinkage),
      newcomer: base.newcomer,
      shotsOnTargetWeight: values['pure-dc'] || name === 'dc' ? 0 : num(values['shots-weight'], 'shots-weight', base.shotsOnTargetWeight),
    };
    const config = {
      ...hp,
      refitDays: num(values['refit-days'], 'refit-days', 0),
      betting: { edgeThreshold: num(values.edge, 'edge', 0.03), kellyFraction: num(values.kelly, 'kelly', 0.25) },
    };
    const log = (s: string) => process.stderr.write(`${s}\n`);
    const history = load(values.train, log);
    const test = load(values.test, log);
    const showProgress = !values.json && process.stderr.isTTY;
    const progress = showProgress ? { onProgress: progressBar } : {};
    if (name === 'model' || name === 'ensemble') {
      // The first year of --train only warms Dixon–Coles up; the rest gives the GBDT its training rows.
      const report = backtestSoccerEnsemble(history, test, { variant: name, dc: hp, ...progress });
      if (showProgress) process.stderr.write('\n');
      if (values.json) console.log(JSON.stringify(ensembleSummary(name, report)));
      else printHuman(name, ensembleSummary(name, report));
      return 0;
    }
    const report = backtestSoccer(history, test, { ...config, ...progress });
    if (showProgress) process.stderr.write('\n');
    if (values.json) console.log(JSON.stringify(summary(report, name)));
    else printHuman(name, summary(report, name));
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

/**
 * The JSON report: the figures of the backtest without the per-match records. `market` is the margin-free
 * closing price and `model` is scored on its matches; `preClose` is the margin-free pre-close price on the matches
 * that have one, with `preClose.model` the model on exactly those.
 */
export function summary(r: BacktestReport, name: ModelName = 'default') {
  return {
    modelName: name,
    matches: r.matches,
    compared: r.compared,
    skippedNoClosing: r.skippedNoClosing,
    model: r.model,
    market: r.market,
    preClose: r.preClose,
    betting: { bets: r.betting.bets, roi: r.betting.roi, maxDrawdown: r.betting.maxDrawdown, clv: r.betting.clv } as
      | { bets: number; roi: number; maxDrawdown: number; clv: number }
      | null,
    fit: { count: r.fit.count, medianMs: r.fit.medianMs },
    calibration: null as { outcome: string; ece: number; floor: number }[] | null,
  };
}

/** The same JSON shape for the GBDT variants: no betting simulation (null), calibration per 1X2 outcome added. */
function ensembleSummary(name: ModelName, r: EnsembleBacktestReport & { dc: BacktestReport }): ReturnType<typeof summary> {
  return {
    modelName: name,
    matches: r.matches,
    compared: r.compared,
    skippedNoClosing: r.skippedNoClosing,
    model: r.model,
    market: r.market,
    preClose: r.preClose,
    betting: null,
    fit: { count: r.dc.fit.count, medianMs: r.dc.fit.medianMs },
    calibration: r.calibration.map((c) => ({ outcome: c.outcome, ece: c.ece, floor: c.floor })),
  };
}

function printHuman(name: ModelName, r: ReturnType<typeof summary>): void {
  const f = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  console.log(`walk-forward backtest (${name}): ${r.matches} matches predicted, ${r.compared} compared with closing odds` +
    (r.skippedNoClosing > 0 ? ` (${r.skippedNoClosing} skipped: no closing odds)` : ''));
  console.log('              RPS      log loss  Brier');
  console.log(`  model       ${f(r.model.rps)}   ${f(r.model.logLoss)}    ${f(r.model.brier)}`);
  console.log(`  market      ${f(r.market.rps)}   ${f(r.market.logLoss)}    ${f(r.market.brier)}`);
  console.log(`  model/market RPS ratio: ${f(r.model.rps / r.market.rps)}`);
  const p = r.preClose;
  console.log(`pre-close (${p.compared} matches): model RPS ${f(p.model.rps)}, pre-close RPS ${f(p.rps)}, ratio ${f(p.model.rps / p.rps)}`);
  if (r.calibration) console.log(`ECE (floor): ${r.calibration.map((c) => `${c.outcome} ${f(c.ece)} (${f(c.floor)})`).join(', ')}`);
  const b = r.betting;
  if (b) console.log(`betting: ${b.bets} bets, ROI ${(100 * b.roi).toFixed(2)}%, max drawdown ${(100 * b.maxDrawdown).toFixed(1)}%, CLV ${(100 * b.clv).toFixed(2)}%`);
  console.log(`fits: ${r.fit.count}, median ${f(r.fit.medianMs, 2)} ms`);
}
