// `fairline portfolio analyze --bets <csv> --results <football-data csv...> [--json]`
// Settles a CSV of soccer bets against football-data.co.uk results files and grades each against Pinnacle's
// closing price, with no database. Transport only: reading, settling and grading live in @fairline/ml
// (portfolio/football-data-bets.ts, on the same settleBet the database path uses).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeFootballDataBets, type AnalysisReport } from '@fairline/ml/portfolio/index';
import { defineCommand } from '../command.ts';

/** `fairline portfolio analyze`. */
export const command = defineCommand({
  name: 'portfolio analyze',
  options: {
    bets: { type: 'string', arg: '<csv>', required: true },
    results: { type: 'string', arg: '<csv...>', multiple: true, required: true },
  },
  run({ values }) {
    const results = values.results.map((f) => ({ name: path.basename(f), text: readFileSync(f, 'utf8') }));
    const report = analyzeFootballDataBets(readFileSync(values.bets, 'utf8'), results);
    for (const r of report.resultRejects.slice(0, 5)) process.stderr.write(`${r.file}:${r.row}: skipped results row: ${r.reason}\n`);
    if (report.resultRejects.length > 5) process.stderr.write(`… ${report.resultRejects.length - 5} more skipped results rows\n`);
    if (values.json) console.log(JSON.stringify(jsonReport(report)));
    else printHuman(report);
    return 0;
  },
});

/** Runs the command on the words after `fairline portfolio analyze`; resolves to the exit code. */
export const run = command.run;

/** The `--json` document: each settled row, the summary, and the rejected rows with their reasons. */
export function jsonReport(r: AnalysisReport) {
  const { clvBets: _clvBets, ...summary } = r.summary;
  return {
    bets: r.bets.map((b) => ({ row: b.row, result: b.result, pnl: b.pnl, fairClosingPrice: b.fairClosingPrice, clv: b.clv })),
    summary,
    rejects: r.rejects,
  };
}

function printHuman(r: AnalysisReport): void {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(2)}%`);
  const signed = (x: number) => (x > 0 ? `+${x}` : String(x));
  for (const b of r.bets) {
    const line = b.line === null ? '' : ` ${b.market === 'asian_handicap' && b.line > 0 ? '+' : ''}${b.line}`;
    const close = b.fairClosingPrice === null ? 'no closing price' : `fair close ${b.fairClosingPrice.toFixed(3)}, CLV ${pct(b.clv)}`;
    console.log(`row ${b.row}: ${b.date} ${b.home} ${b.score.home}-${b.score.away} ${b.away} · ${b.market} ${b.selection}${line} @ ${b.price} × ${b.stake} → ${b.result} ${signed(b.pnl)} (${close})`);
  }
  for (const x of r.rejects) console.log(`row ${x.row}: rejected: ${x.reason}`);
  const s = r.summary;
  console.log(`${s.bets} bets settled${r.rejects.length > 0 ? `, ${r.rejects.length} rejected` : ''}: staked ${s.staked}, P&L ${signed(s.pnl)}, ROI ${pct(s.roi)}, max drawdown ${s.maxDrawdown}`);
  console.log(`closing-line value: ${s.clvBets > 0 ? `mean ${pct(s.clv)} over ${s.clvBets} bet${s.clvBets === 1 ? '' : 's'} with a Pinnacle closing price` : 'no bet has a Pinnacle closing price'}`);
}
