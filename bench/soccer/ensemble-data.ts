/**
 * Feature rows of every benchmark league for the ensemble's tuning and benchmark, built once by the walk-forward
 * Dixon–Coles (default hyperparameters) and cached as JSON under the OS temp dir (derived data, never in the
 * repository). The leagues, their seasons and their test seasons are fixed here for tune.ts and run.ts alike.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFootballDataCsv } from '../../ml/src/data/football-data.ts';
import { backtestMatchFromFootballData, type BacktestMatch } from '../../ml/src/soccer/index.ts';
import { walkForwardFeatures, type FeatureRow } from '../../ml/src/soccer/ensemble/index.ts';

export const DATA = path.resolve(import.meta.dirname, '../../../shared/data/soccer_football_data');

const seasons = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${from + i}-${String((from + i + 1) % 100).padStart(2, '0')}`);

/**
 * Per league: the seasons read (the first is Dixon–Coles warm-up only), the tuning seasons (walk-forward
 * evaluation while choosing settings) and the test seasons (the last two with Pinnacle pre-close PSH; never tuned on).
 */
export const LEAGUES = [
  { league: 'E0', seasons: seasons(2005, 2019), tune: seasons(2014, 2017), test: seasons(2018, 2019) },
  { league: 'F1', seasons: [...seasons(2005, 2015), ...seasons(2018, 2019)], tune: seasons(2013, 2015), test: seasons(2018, 2019) },
  { league: 'D1', seasons: seasons(2005, 2014), tune: seasons(2011, 2012), test: seasons(2013, 2014) },
  { league: 'I1', seasons: seasons(2005, 2014), tune: seasons(2011, 2012), test: seasons(2013, 2014) },
  { league: 'SP1', seasons: seasons(2005, 2014), tune: seasons(2011, 2012), test: seasons(2013, 2014) },
] as const;

/** A feature row tagged with its league and season. */
export interface LeagueRow extends FeatureRow {
  league: string;
  season: string;
}

/** One league's matches of one season. */
export function loadSeason(league: string, season: string): BacktestMatch[] {
  return parseFootballDataCsv(readFileSync(path.join(DATA, league, `${league}_${season}.csv`), 'utf8')).matches.map(backtestMatchFromFootballData);
}

const CACHE = path.join(tmpdir(), 'fairline-ensemble-rows');

/** Every league's rows (all seasons after the warm-up one), from the cache when it is there. */
export function leagueRows(log: (s: string) => void = () => {}): LeagueRow[] {
  mkdirSync(CACHE, { recursive: true });
  const out: LeagueRow[] = [];
  for (const l of LEAGUES) {
    const file = path.join(CACHE, `${l.league}-v1.json`);
    if (existsSync(file)) {
      for (const r of JSON.parse(readFileSync(file, 'utf8')) as (Omit<LeagueRow, 'features'> & { features: (number | null)[] })[])
        out.push({ ...r, features: Float64Array.from(r.features, (v) => (v === null ? NaN : v)) });
      continue;
    }
    const t = performance.now();
    const bySeason = l.seasons.map((s) => ({ s, m: loadSeason(l.league, s) }));
    const seasonOf = new Map<number, string>();
    for (const { s, m } of bySeason) for (const x of m) seasonOf.set(x.day, s);
    const { rows } = walkForwardFeatures(bySeason[0]!.m, bySeason.slice(1).flatMap((b) => b.m));
    const tagged = rows.map((r) => ({ ...r, league: l.league, season: seasonOf.get(r.day)! }));
    writeFileSync(file, JSON.stringify(tagged.map((r) => ({ ...r, features: Array.from(r.features) }))));
    log(`${l.league}: ${tagged.length} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    out.push(...tagged);
  }
  return out;
}
