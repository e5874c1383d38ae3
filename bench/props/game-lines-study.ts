/**
 * Game-line study on walk-forward folds (each season 2010–2018 predicted by a model fitted on 2002 up to the
 * season before; 2019 is never read): which centre and which law price the spread, total and moneyline best.
 *
 *   npx tsx bench/props/game-lines-study.ts
 *
 * Centres: the current GBDT on the raw margin / total (market lines as features), the market line alone, and the
 * market line plus a GBDT fitted to the residual (outcome − line). Laws: normal around the centre, and a discrete
 * law over whole points whose normal shape is reweighted by fitted key-number weights (3, 7, 10… for margins).
 * Scores, pooled over the folds: MAE of the centre, log loss of P(home win) (ties out) beside the margin-free
 * moneyline, of P(cover) and P(over) (pushes out), the log score of the exact margin / total, and the
 * predicted vs observed push rate on whole-number lines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { trainGbdt } from '../../ml/src/gbdt/index.ts';
import { gameLines, parseGames, type NflGame } from '../../ml/src/nfl/index.ts';
import { buildGameFeatures, chronological, GAME_FEATURES } from './game-lines-features.ts';
import { centreForLine, fitKeyWeights, discreteLaw, type DiscreteLaw } from '../../ml/src/nfl/game-lines/law.ts';

/** The first version's GBDT settings (game-lines@1: a GBDT on the raw margin / total with the lines as features). */
const GBDT_PARAMS = { objective: 'squared', trees: 200, maxDepth: 2, learningRate: 0.03, minChildWeight: 50, subsample: 0.8, lambda: 10, seed: 11 } as const;

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const all = parseGames([readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]).filter((g) => g.season <= 2018);
const games = chronological(all);
const X = buildGameFeatures(games);
const FOLDS = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018];
const done = (g: NflGame) => Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore) && Number.isFinite(g.spread) && Number.isFinite(g.total);
const implied = (a: number) => (a < 0 ? -a / (-a + 100) : 100 / (a + 100));
const ll = (p: number, y: number) => -Math.log(Math.min(1 - 1e-12, Math.max(1e-12, y ? p : 1 - p)));
const row = (i: number) => X.values.subarray(i * X.cols, (i + 1) * X.cols);

type Kind = 'margin' | 'total';
const outcome = (g: NflGame, k: Kind) => (k === 'margin' ? g.homeScore - g.awayScore : g.homeScore + g.awayScore);
const line = (g: NflGame, k: Kind) => (k === 'margin' ? g.spread : g.total);

function gbdt(idx: number[], k: Kind, params: object, residual: boolean) {
  const sub = { values: new Float64Array(idx.length * X.cols), rows: idx.length, cols: X.cols };
  idx.forEach((i, r) => sub.values.set(row(i), r * X.cols));
  return trainGbdt({
    features: sub, featureNames: [...GAME_FEATURES], label: idx.map((i) => outcome(games[i]!, k) - (residual ? line(games[i]!, k) : 0)),
    params: { ...GBDT_PARAMS, ...params }, createdAt: '1970-01-01T00:00:00.000Z',
  });
}

interface Acc { n: number; ae: number; win: number; winMkt: number; nWin: number; side: number; nSide: number; exact: number; pushP: number; pushY: number; nWhole: number }
const acc = (): Acc => ({ n: 0, ae: 0, win: 0, winMkt: 0, nWin: 0, side: 0, nSide: 0, exact: 0, pushP: 0, pushY: 0, nWhole: 0 });
const results = new Map<string, Acc>();
const get = (name: string) => results.get(name) ?? (results.set(name, acc()), results.get(name)!);

/** Score one game under a law (P over integer outcomes) for `k`. */
function score(name: string, g: NflGame, k: Kind, centre: number, law: DiscreteLaw) {
  const a = get(`${k} ${name}`);
  const y = outcome(g, k), L = line(g, k);
  a.n++;
  a.ae += Math.abs(centre - y);
  a.exact += -Math.log(Math.max(1e-12, law.pmf(y)));
  if (k === 'margin' && y !== 0 && Number.isFinite(g.homeMoneyline) && Number.isFinite(g.awayMoneyline)) {
    const h = implied(g.homeMoneyline), aw = implied(g.awayMoneyline);
    const pWin = law.above(0) / (1 - law.pmf(0));
    a.nWin++;
    a.win += ll(pWin, y > 0 ? 1 : 0);
    a.winMkt += ll(h / (h + aw), y > 0 ? 1 : 0);
  }
  if (y !== L) {
    const pPush = Number.isInteger(L) ? law.pmf(L) : 0;
    a.nSide++;
    a.side += ll(law.above(L) / (1 - pPush), y > L ? 1 : 0);
  }
  if (Number.isInteger(L)) {
    a.nWhole++;
    a.pushP += law.pmf(L);
    a.pushY += y === L ? 1 : 0;
  }
}

// The lumps the key-number law is for: how often games of 2002–2018 end 3 apart or level, against a normal around the spread.
{
  const played = games.filter((g) => g.season >= 2002 && done(g));
  const sigma = Math.sqrt(played.reduce((t, g) => t + (outcome(g, 'margin') - g.spread) ** 2, 0) / played.length);
  let three = 0, normalThree = 0, level = 0, normalLevel = 0;
  for (const g of played) {
    const m = outcome(g, 'margin'), law = discreteLaw(g.spread, sigma, null);
    three += Math.abs(m) === 3 ? 1 : 0;
    normalThree += law.pmf(3) + law.pmf(-3);
    level += m === 0 ? 1 : 0;
    normalLevel += law.pmf(0);
  }
  const pc = (x: number) => `${((100 * x) / played.length).toFixed(1)} %`;
  console.log(`2002–2018, ${played.length} games: ${pc(three)} ended 3 apart (normal around the spread, σ ${sigma.toFixed(2)}: ${pc(normalThree)}), ${pc(level)} level (normal: ${pc(normalLevel)})`);
}

const t0 = performance.now();
for (const s of FOLDS) {
  const train = games.flatMap((g, i) => (g.season >= 2002 && g.season < s && done(g) ? [i] : []));
  const test = games.flatMap((g, i) => (g.season === s && done(g) ? [i] : []));
  const trainSeasons = [...new Set(train.map((i) => games[i]!.season))];
  const model = gameLines.fitGameLines(all, trainSeasons);
  for (const k of ['margin', 'total'] as const) {
    const resid = train.map((i) => outcome(games[i]!, k) - line(games[i]!, k));
    const sigma = Math.sqrt(resid.reduce((t, r) => t + r * r, 0) / resid.length);
    const mean = resid.reduce((t, r) => t + r, 0) / resid.length;
    const weights = fitKeyWeights(train.map((i) => ({ y: outcome(games[i]!, k), mu: line(games[i]!, k), sigma })));
    const raw = gbdt(train, k, {}, false);
    const rg = gbdt(train, k, {}, true);
    const rgStrong = gbdt(train, k, { trees: 100, learningRate: 0.02, lambda: 50, minChildWeight: 200 }, true);
    for (const i of test) {
      const g = games[i]!;
      const L = line(g, k);
      const rawMu = raw.predictRow(row(i));
      score('gbdt on the raw outcome, normal (game-lines v1)', g, k, rawMu, discreteLaw(rawMu, sigma, null));
      score('line, normal', g, k, L, discreteLaw(L, sigma, null));
      score('line + mean residual, normal', g, k, L + mean, discreteLaw(L + mean, sigma, null));
      score('line, key numbers', g, k, L, discreteLaw(L, sigma, weights));
      const med = centreForLine(L, sigma, weights);
      score('line as median, key numbers', g, k, L, discreteLaw(med, sigma, weights));
      score('fitGameLines (the model: line as median, key numbers)', g, k, L, k === 'margin' ? gameLines.marginLaw(model, L) : gameLines.totalLaw(model, L));
      const r1 = L + rg.predictRow(row(i));
      score('line + residual gbdt, normal', g, k, r1, discreteLaw(r1, sigma, null));
      const r2 = L + rgStrong.predictRow(row(i));
      score('line + residual gbdt (strong prior), normal', g, k, r2, discreteLaw(r2, sigma, null));
      score('line + residual gbdt (strong prior), key numbers', g, k, r2, discreteLaw(r2, sigma, weights));
    }
  }
}
console.log(`game lines: folds ${FOLDS[0]}–${FOLDS.at(-1)} (train 2002 → season before), ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${'variant'.padEnd(58)}${'MAE'.padStart(7)}${'ll win'.padStart(8)}${'mkt'.padStart(7)}${'ll side'.padStart(9)}${'exact'.padStart(8)}${'push p/obs'.padStart(14)}`);
for (const [name, a] of results) {
  console.log(`${name.padEnd(58)}${(a.ae / a.n).toFixed(3).padStart(7)}${a.nWin ? (a.win / a.nWin).toFixed(4).padStart(8) : '       –'}${a.nWin ? (a.winMkt / a.nWin).toFixed(4).padStart(7) : '      –'}` +
    `${(a.side / a.nSide).toFixed(4).padStart(9)}${(a.exact / a.n).toFixed(4).padStart(8)}${`${(a.pushP / a.nWhole).toFixed(3)}/${(a.pushY / a.nWhole).toFixed(3)}`.padStart(14)}  n=${a.n} whole=${a.nWhole}`);
}
