/**
 * The data behind the availability feature block: receptions-market rows of 2017–2018 (offered lines), grouped
 * by team games missed since the player's previous game, with the mean receptions against the rolling-8 mean.
 * Folds' seasons only (2019 is never read).
 *
 *   npx tsx bench/props/availability.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEnv } from '../../ml/src/nfl/props/env.ts';
import { MARKETS, offeredRows } from '../../ml/src/nfl/props/markets.ts';
import { gamesMissed } from '../../ml/src/nfl/props/opportunity.ts';
import { lastMean } from '../../ml/src/nfl/props/rolling.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = [2015, 2016, 2017, 2018].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const env = buildEnv(weekly, [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]);
const t = env.table;
const rows = offeredRows(MARKETS.receptions, t, new Set([2017, 2018]));
const groups = new Map<number, { n: number; y: number; mean8: number }>();
for (const i of rows) {
  const since = Math.min(gamesMissed(t, env.teams, i, 8)[0], 3);
  const g = groups.get(since) ?? { n: 0, y: 0, mean8: 0 };
  g.n++;
  g.y += t.stats.receptions[i]!;
  g.mean8 += lastMean(t, t.stats.receptions, i, 8);
  groups.set(since, g);
}
console.log(`receptions rows 2017–2018: ${rows.length}`);
console.log('missed since last game   rows   share   receptions   rolling-8 mean');
for (const [k, g] of [...groups].sort((a, b) => a[0] - b[0])) {
  console.log(`${(k === 3 ? '≥ 3' : String(k)).padStart(22)}  ${String(g.n).padStart(5)}  ${(100 * g.n / rows.length).toFixed(1).padStart(5)}%  ${(g.y / g.n).toFixed(2).padStart(11)}  ${(g.mean8 / g.n).toFixed(2).padStart(15)}`);
}
