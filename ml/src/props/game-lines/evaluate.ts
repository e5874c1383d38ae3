/**
 * Scores game-line prices on test seasons against the market: MAE of the expected margin and total vs the
 * closing-style spread and total, log loss of P(home win) beside the margin-free moneyline probability
 * (proportional de-vig), and log loss of P(cover) / P(over) (pushes excluded) beside the market's implicit ½.
 */
import type { NflGame } from '../games.ts';
import { fitGameLines, priceGames } from './model.ts';

const ll = (p: number, y: number) => -Math.log(Math.max(1e-12, y ? p : 1 - p));
/** American odds → implied probability (with margin). */
const implied = (a: number) => (a < 0 ? -a / (-a + 100) : 100 / (a + 100));

export interface GameLinesReport {
  games: number;
  marginMae: number;
  marketMarginMae: number;
  totalMae: number;
  marketTotalMae: number;
  /** Over games with both moneylines. */
  moneyline: { n: number; logLoss: number; marketLogLoss: number };
  cover: { n: number; logLoss: number; accuracy: number };
  over: { n: number; logLoss: number; accuracy: number };
}

export function backtestGameLines(allGames: readonly NflGame[], trainSeasons: readonly number[], testSeasons: readonly number[]): GameLinesReport {
  const model = fitGameLines(allGames, trainSeasons);
  const priced = priceGames(model, allGames, testSeasons).filter((p) => Number.isFinite(p.game.homeScore) && Number.isFinite(p.game.awayScore));
  let mae = 0, mmae = 0, tae = 0, mtae = 0;
  const ml = { n: 0, logLoss: 0, marketLogLoss: 0 };
  const cover = { n: 0, logLoss: 0, accuracy: 0 };
  const over = { n: 0, logLoss: 0, accuracy: 0 };
  for (const p of priced) {
    const g = p.game;
    const margin = g.homeScore - g.awayScore;
    const total = g.homeScore + g.awayScore;
    mae += Math.abs(p.expectedMargin - margin);
    mmae += Math.abs(g.spread - margin);
    tae += Math.abs(p.expectedTotal - total);
    mtae += Math.abs(g.total - total);
    if (margin !== 0 && Number.isFinite(g.homeMoneyline) && Number.isFinite(g.awayMoneyline)) {
      const h = implied(g.homeMoneyline), a = implied(g.awayMoneyline);
      ml.n++;
      ml.logLoss += ll(p.pHomeWin, margin > 0 ? 1 : 0);
      ml.marketLogLoss += ll(h / (h + a), margin > 0 ? 1 : 0);
    }
    if (margin !== g.spread) {
      const y = margin > g.spread ? 1 : 0;
      cover.n++;
      cover.logLoss += ll(p.pHomeCover, y);
      cover.accuracy += (p.pHomeCover > 0.5 ? 1 : 0) === y ? 1 : 0;
    }
    if (total !== g.total) {
      const y = total > g.total ? 1 : 0;
      over.n++;
      over.logLoss += ll(p.pOver, y);
      over.accuracy += (p.pOver > 0.5 ? 1 : 0) === y ? 1 : 0;
    }
  }
  const n = priced.length;
  const div = (o: { n: number; logLoss: number; accuracy: number }) => ({ n: o.n, logLoss: o.logLoss / o.n, accuracy: o.accuracy / o.n });
  return {
    games: n, marginMae: mae / n, marketMarginMae: mmae / n, totalMae: tae / n, marketTotalMae: mtae / n,
    moneyline: { n: ml.n, logLoss: ml.logLoss / ml.n, marketLogLoss: ml.marketLogLoss / ml.n },
    cover: div(cover), over: div(over),
  };
}
