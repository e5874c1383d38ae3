/**
 * Scores game-line prices on test seasons, each beside a reference:
 *   - P(home win) log loss (ties out) beside the books' margin-free moneyline (proportional de-vig);
 *   - P(cover) and P(over) log loss with pushes out (the market's implicit reference is ln 2);
 *   - log score of the exact margin and total beside a plain normal N(line, σ²) on whole points (Stern 1991);
 *   - predicted vs observed push rate on whole-number lines (where the key-number shape matters most).
 */
import type { NflGame } from '../games.ts';
import { discreteLaw } from './law.ts';
import { fitGameLines, marginLaw, totalLaw, type GameLinesModel } from './model.ts';

const ll = (p: number, y: number) => -Math.log(Math.min(1 - 1e-12, Math.max(1e-12, y ? p : 1 - p)));
/** American odds → implied probability (with margin). */
const implied = (a: number) => (a < 0 ? -a / (-a + 100) : 100 / (a + 100));

export interface LineScore {
  /** Games scored (result and this line present). */
  n: number;
  /** Log loss of P(over the line) (home covers for spreads), pushes out. */
  sideLogLoss: number;
  sideN: number;
  /** Mean −log P(exact outcome): the key-number law and a plain discretised normal around the line. */
  exactLogScore: number;
  normalExactLogScore: number;
  /** Whole-number lines: mean predicted P(push), the normal's, and the observed push rate. */
  wholeLines: number;
  pushPredicted: number;
  pushNormal: number;
  pushObserved: number;
  /** MAE of the law's mean and of the market line. */
  mae: number;
  marketMae: number;
}

export interface GameLinesReport {
  games: number;
  marginSigma: number;
  totalSigma: number;
  spread: LineScore;
  total: LineScore;
  /** Over games with both moneylines and no tie. */
  moneyline: { n: number; logLoss: number; marketLogLoss: number };
}

/** Fits the game-lines model on `trainSeasons` of `allGames` and scores it on `testSeasons` (scoreGameLines). */
export function backtestGameLines(allGames: readonly NflGame[], trainSeasons: readonly number[], testSeasons: readonly number[]): GameLinesReport {
  const model = fitGameLines(allGames, trainSeasons);
  return scoreGameLines(model, allGames.filter((g) => testSeasons.includes(g.season)));
}

/** Scores a fitted model on finished games beside the references of the file comment (log losses in nats). */
export function scoreGameLines(model: GameLinesModel, games: readonly NflGame[]): GameLinesReport {
  const played = games.filter((g) => Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore));
  const ml = { n: 0, logLoss: 0, marketLogLoss: 0 };
  const spread = lineScore(played.filter((g) => Number.isFinite(g.spread)), (g) => g.homeScore - g.awayScore, (g) => g.spread,
    (L) => marginLaw(model, L), model.marginSigma);
  const total = lineScore(played.filter((g) => Number.isFinite(g.total)), (g) => g.homeScore + g.awayScore, (g) => g.total,
    (L) => totalLaw(model, L), model.totalSigma);
  for (const g of played) {
    const margin = g.homeScore - g.awayScore;
    if (margin === 0 || !Number.isFinite(g.spread) || !Number.isFinite(g.homeMoneyline) || !Number.isFinite(g.awayMoneyline)) continue;
    const law = marginLaw(model, g.spread);
    const h = implied(g.homeMoneyline), a = implied(g.awayMoneyline);
    ml.n++;
    ml.logLoss += ll(law.above(0) / (1 - law.pmf(0)), margin > 0 ? 1 : 0);
    ml.marketLogLoss += ll(h / (h + a), margin > 0 ? 1 : 0);
  }
  return {
    games: played.length, marginSigma: model.marginSigma, totalSigma: model.totalSigma, spread, total,
    moneyline: { n: ml.n, logLoss: ml.logLoss / ml.n, marketLogLoss: ml.marketLogLoss / ml.n },
  };
}

function lineScore(
  games: readonly NflGame[], outcome: (g: NflGame) => number, line: (g: NflGame) => number,
  law: (L: number) => ReturnType<typeof marginLaw>, sigma: number,
): LineScore {
  const s = { n: 0, sideLogLoss: 0, sideN: 0, exactLogScore: 0, normalExactLogScore: 0, wholeLines: 0, pushPredicted: 0, pushNormal: 0, pushObserved: 0, mae: 0, marketMae: 0 };
  for (const g of games) {
    const y = outcome(g), L = line(g);
    const d = law(L), normal = discreteLaw(L, sigma, null);
    s.n++;
    s.mae += Math.abs(d.mean - y);
    s.marketMae += Math.abs(L - y);
    s.exactLogScore += -Math.log(Math.max(1e-12, d.pmf(y)));
    s.normalExactLogScore += -Math.log(Math.max(1e-12, normal.pmf(y)));
    if (y !== L) {
      s.sideN++;
      s.sideLogLoss += ll(d.above(L) / (1 - d.pmf(L)), y > L ? 1 : 0);
    }
    if (Number.isInteger(L)) {
      s.wholeLines++;
      s.pushPredicted += d.pmf(L);
      s.pushNormal += normal.pmf(L);
      s.pushObserved += y === L ? 1 : 0;
    }
  }
  const per = (x: number, n: number) => (n ? x / n : NaN);
  return {
    n: s.n, sideN: s.sideN, sideLogLoss: per(s.sideLogLoss, s.sideN), exactLogScore: per(s.exactLogScore, s.n),
    normalExactLogScore: per(s.normalExactLogScore, s.n), wholeLines: s.wholeLines, pushPredicted: per(s.pushPredicted, s.wholeLines),
    pushNormal: per(s.pushNormal, s.wholeLines), pushObserved: per(s.pushObserved, s.wholeLines), mae: per(s.mae, s.n), marketMae: per(s.marketMae, s.n),
  };
}
