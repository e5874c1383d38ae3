/**
 * The issue-14 table: on each league's test seasons (ensemble-data.ts LEAGUES), pure Dixon–Coles, the default
 * model, the GBDT `model` and `ensemble` variants, the margin-free Pinnacle pre-close and closing prices side by
 * side (RPS, log loss, Brier) on the same matches; then calibration of model and ensemble per 1X2 outcome (ECE
 * with its sampling floor, reliability tables).
 *
 * Training never sees a test season of another league; within a league the ensemble is retrained before each
 * test season on everything earlier (so 2019/20 learns from 2018/19). Settings come from tune-ensemble.ts runs on
 * earlier seasons (TUNING.md, "Ensemble").
 */
import { meanBrier, meanLogLoss, meanRps } from '../../ml/src/metrics/index.ts';
import { PURE_DC_DEFAULTS, backtestSoccer } from '../../ml/src/soccer/index.ts';
import { calibration1x2, walkForwardEnsemble, type EnsembleVariant, type OutcomeCalibration } from '../../ml/src/soccer/ensemble/index.ts';
import { LEAGUES, leagueRows, loadSeason, type LeagueRow } from './ensemble-data.ts';

type P = readonly number[];
const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '  —   ');
const f5 = (x: number) => x.toFixed(5);

function line(name: string, probs: P[], outcomes: number[]): string {
  if (probs.length === 0) return `    ${name.padEnd(34)} n/a (no prices in these files)`;
  return `    ${name.padEnd(34)} ${f4(meanRps(probs, outcomes))}   ${f4(meanLogLoss(probs, outcomes))}    ${f4(meanBrier(probs, outcomes))}`;
}

/** Per-league table, calibration summaries and pooled reliability tables; returns the figures for the targets. */
export function ensembleBench(log = console.log) {
  const rows = leagueRows((s) => log(`  (features) ${s}`));
  const isTest = (r: LeagueRow) => LEAGUES.find((l) => l.league === r.league)!.test.includes(r.season as never);
  const pooled: Record<EnsembleVariant, { p: P[]; o: number[] }> = { model: { p: [], o: [] }, ensemble: { p: [], o: [] } };
  const targets: { league: string; ensemble: number; preClose: number; model: number; default: number; n: number }[] = [];
  const calib: { league: string; variant: EnsembleVariant; c: OutcomeCalibration[] }[] = [];
  log('\nSoccer ensemble — test seasons per league, walk-forward (GBDT retrained before each season), same matches per block');
  for (const l of LEAGUES) {
    const test = rows.filter((r) => r.league === l.league && isTest(r) && r.outcome !== undefined);
    const start = Math.min(...test.map((r) => r.day));
    const train = rows.filter((r) => r.day < start && !isTest(r));
    const pred: Record<EnsembleVariant, Map<LeagueRow, P>> = { model: new Map(), ensemble: new Map() };
    for (const variant of ['model', 'ensemble'] as const) {
      const w = walkForwardEnsemble(train, test, { variant, createdAt: '2026-01-01T00:00:00.000Z' });
      for (const p of w.predictions) pred[variant].set(p.row as LeagueRow, p.probs);
    }
    // Pure Dixon–Coles: its own walk-forward over the same test matches (history = the three seasons before).
    const idx = (l.seasons as readonly string[]).indexOf(l.test[0]!);
    const dcHist = l.seasons.slice(Math.max(0, idx - 3), idx).flatMap((s) => loadSeason(l.league, s));
    const dcTest = l.test.flatMap((s) => loadSeason(l.league, s));
    const dc = backtestSoccer(dcHist, dcTest, PURE_DC_DEFAULTS);
    const dcOf = new Map(dc.predictions.map((p) => [`${p.day}|${p.home}|${p.away}`, p.model]));
    const key = (r: LeagueRow) => `${r.day}|${r.home}|${r.away}`;
    const block = (title: string, sel: LeagueRow[], withClosing: boolean) => {
      const o = sel.map((r) => r.outcome!);
      log(`  ${l.league} ${l.test.join(' + ')} — ${title} (${sel.length} matches)        RPS      log loss  Brier`);
      log(line('pure Dixon–Coles (tuned)', sel.map((r) => dcOf.get(key(r))!), o));
      log(line('default (DC + shots on target)', sel.map((r) => r.dc), o));
      log(line('model (GBDT, no market input)', sel.map((r) => pred.model.get(r)!), o));
      log(line('ensemble (GBDT + pre-close)', sel.map((r) => pred.ensemble.get(r)!), o));
      log(line('Pinnacle pre-close, margin-free', sel.filter((r) => r.preClose).map((r) => r.preClose!), sel.filter((r) => r.preClose).map((r) => r.outcome!)));
      if (withClosing) log(line('Pinnacle closing, margin-free', sel.map((r) => r.closing!), o));
    };
    const withPre = test.filter((r) => r.preClose);
    block('matches with a pre-close price', withPre, false);
    const withClose = test.filter((r) => r.closing && r.preClose);
    if (withClose.length > 0) block('matches with pre-close and closing prices', withClose, true);
    else log('    Pinnacle closing                   n/a (no closing columns in these files)');
    const o = withPre.map((r) => r.outcome!);
    targets.push({
      league: l.league,
      n: withPre.length,
      ensemble: meanRps(withPre.map((r) => pred.ensemble.get(r)!), o),
      preClose: meanRps(withPre.map((r) => r.preClose!), o),
      model: meanRps(withPre.map((r) => pred.model.get(r)!), o),
      default: meanRps(withPre.map((r) => r.dc), o),
    });
    for (const variant of ['model', 'ensemble'] as const) {
      const ps = test.map((r) => pred[variant].get(r)!);
      const os = test.map((r) => r.outcome!);
      pooled[variant].p.push(...ps);
      pooled[variant].o.push(...os);
      calib.push({ league: l.league, variant, c: calibration1x2(ps, os) });
    }
  }

  log('\n  Targets (RPS on the matches with a pre-close price)');
  log('    league  matches  ensemble  pre-close  ens ≤ pre?   model    default  model ≤ default?');
  // (5 decimals: the gaps are small)
  for (const t of targets)
    log(`    ${t.league.padEnd(6)}  ${String(t.n).padStart(7)}  ${f5(t.ensemble)}   ${f5(t.preClose)}    ${t.ensemble <= t.preClose ? 'yes' : 'NO '}        ${f5(t.model)}  ${f5(t.default)}  ${t.model <= t.default ? 'yes' : 'NO'}`);

  log('\n  Calibration per 1X2 outcome — ECE (10 equal-width bins) and its sampling floor (mean ECE of outcomes drawn from the forecasts)');
  log('    league  variant    home ECE (floor)    draw ECE (floor)    away ECE (floor)');
  const show = (c: OutcomeCalibration) => `${f4(c.ece)} (${f4(c.floor)})${c.ece <= c.floor ? ' ok' : ' >'}`.padEnd(20);
  for (const x of calib) log(`    ${x.league.padEnd(6)}  ${x.variant.padEnd(9)}  ${x.c.map(show).join('')}`);
  const all = { model: calibration1x2(pooled.model.p, pooled.model.o), ensemble: calibration1x2(pooled.ensemble.p, pooled.ensemble.o) };
  for (const variant of ['model', 'ensemble'] as const) log(`    ${'all'.padEnd(6)}  ${variant.padEnd(9)}  ${all[variant].map(show).join('')}`);
  for (const variant of ['model', 'ensemble'] as const) {
    log(`\n  Reliability — ${variant}, all leagues' test matches (${pooled[variant].o.length}): bin, count, mean predicted, observed`);
    for (const c of all[variant]) {
      log(`    ${c.outcome}`);
      for (const b of c.bins)
        if (b.count > 0) log(`      [${b.lower.toFixed(1)}, ${b.upper.toFixed(1)})  ${String(b.count).padStart(5)}  ${b.meanPredicted.toFixed(3)}  ${b.observedFrequency.toFixed(3)}`);
    }
  }
  return { targets, calib, all };
}

if (import.meta.url === `file://${process.argv[1]}`) ensembleBench();
