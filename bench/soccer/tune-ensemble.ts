/**
 * Choosing the ensemble's settings — on EARLIER seasons only (see ensemble-data.ts LEAGUES: `tune` seasons).
 * Every league's test seasons are removed from the data entirely before anything is trained or scored here.
 * For each tuning season of each league, an ensemble is trained on every (pooled-league) row strictly before the
 * season's first day and predicts that season; the criterion is the mean RPS over all tuning matches (ensemble
 * variant: on the matches with a pre-close price, beside the pre-close market's own RPS).
 *
 * Run: nice -n 10 npx tsx bench/soccer/tune-ensemble.ts <model|ensemble> '<json array of option objects>'
 *      (each object: { params?, offset?, folds?, floor?, calibrationWeight?, exclude?, pool? ('all' | 'league') })
 */
import type { GbdtParams } from '../../ml/src/gbdt/index.ts';
import { meanRps } from '../../ml/src/metrics/index.ts';
import { GBDT_BASE, walkForwardEnsemble, type EnsembleVariant, type OffsetKind } from '../../ml/src/soccer/ensemble/index.ts';
import { LEAGUES, leagueRows, type LeagueRow } from './ensemble-data.ts';

/** One configuration of the search. */
export interface EnsembleConfig {
  params?: Partial<GbdtParams>;
  offset?: OffsetKind;
  folds?: number;
  floor?: number;
  calibrationWeight?: number;
  exclude?: string[];
  /** Train on every league's earlier rows (default) or the league's own only. */
  pool?: 'all' | 'league';
}

/** Mean RPS of the configuration over the tuning seasons (and the same for the default and pre-close). */
export function evaluate(rows: readonly LeagueRow[], variant: EnsembleVariant, c: EnsembleConfig) {
  const isTest = (r: LeagueRow) => LEAGUES.find((l) => l.league === r.league)!.test.includes(r.season as never);
  const usable = rows.filter((r) => !isTest(r));
  const probs: number[][] = [], raw: number[][] = [], dc: number[][] = [], pre: number[][] = [], out: number[] = [];
  const preIdx: number[] = [];
  const per: Record<string, number> = {};
  for (const l of LEAGUES) {
    const lp: number[][] = [], lo: number[] = [];
    for (const season of l.tune) {
      const test = usable.filter((r) => r.league === l.league && r.season === season);
      const start = Math.min(...test.map((r) => r.day));
      const train = usable.filter((r) => r.day < start && (c.pool === 'league' ? r.league === l.league : true));
      // The ensemble is only judged where it had at least 1,000 earlier matches with a market price to learn from.
      if (variant === 'ensemble' && train.filter((r) => r.preClose).length < 1000) continue;
      const { predictions } = walkForwardEnsemble(train, test, {
        variant,
        // Every configuration is read as changes to GBDT_BASE with isotonic weight 1, whatever the chosen defaults.
        params: { ...GBDT_BASE, ...c.params },
        calibrationWeight: c.calibrationWeight ?? 1,
        ...(c.offset ? { offset: c.offset } : {}),
        ...(c.folds ? { folds: c.folds } : {}),
        ...(c.floor !== undefined ? { floor: c.floor } : {}),
        ...(c.exclude ? { exclude: c.exclude } : {}),
        seasonGapDays: 10_000, // one season per call
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      for (const p of predictions) {
        if (p.row.preClose) {
          preIdx.push(out.length);
          pre.push(p.row.preClose);
        }
        probs.push(p.probs);
        raw.push(p.raw);
        dc.push(p.row.dc);
        out.push(p.row.outcome!);
        lp.push(p.probs);
        lo.push(p.row.outcome!);
      }
    }
    if (lo.length > 0) per[l.league] = Number(meanRps(lp, lo).toFixed(5));
  }
  const pick = <T>(a: T[]) => preIdx.map((i) => a[i]!);
  return {
    n: out.length,
    rps: meanRps(probs, out),
    rawRps: meanRps(raw, out),
    rawOnPre: meanRps(pick(raw), pick(out)),
    defaultRps: meanRps(dc, out),
    nPre: preIdx.length,
    rpsOnPre: meanRps(pick(probs), pick(out)),
    preCloseRps: meanRps(pre, pick(out)),
    per,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const variant = (process.argv[2] ?? 'model') as EnsembleVariant;
  const configs = JSON.parse(process.argv[3] ?? '[{}]') as EnsembleConfig[];
  const rows = leagueRows((s) => console.error(s));
  for (const c of configs) {
    const t = performance.now();
    const r = evaluate(rows, variant, c);
    const f = (x: number) => Number(x.toFixed(6));
    console.log(JSON.stringify({ variant, ...c, n: r.n, rps: f(r.rps), rawRps: f(r.rawRps), defaultRps: f(r.defaultRps), nPre: r.nPre, rpsOnPre: f(r.rpsOnPre), rawOnPre: f(r.rawOnPre), preCloseRps: f(r.preCloseRps), per: r.per, s: ((performance.now() - t) / 1000).toFixed(0) }));
  }
}
