// Soccer modelling: Dixon–Coles, one score grid for every market, walk-forward backtest — plus the generic
// calibration and metrics modules it is evaluated with, and the football-data.co.uk parser.
export { type SoccerMatch } from './dixon-coles-data.ts';
export {
  fitDixonColes,
  predictRates,
  rating,
  type DixonColesModel,
  type DixonColesOptions,
  type GoalRates,
  type PredictOptions,
  type TeamRating,
} from './dixon-coles.ts';
export { serializeDixonColes, loadDixonColes, DIXON_COLES_TAG, DIXON_COLES_VERSION } from './dixon-coles-serialize.ts';
export { scoreGrid, gridFromMatrix, expectedGoals, type ScoreGrid } from './score-grid.ts';
export {
  matchOdds,
  doubleChance,
  drawNoBet,
  bothTeamsToScore,
  correctScore,
  totals,
  teamTotals,
  asianHandicap,
  splitLine,
  type AsianOutcome,
  type HandicapMarket,
  type ThreeWay,
  type TwoSided,
} from './markets.ts';
export { marketBook, marketBookFromGrid, predictGrid, type MarketBook, type MarketBookOptions, type Priced } from './market-book.ts';
export * from './backtest.ts';
export { newcomerPriors } from './newcomers.ts';
export { backtestMatchFromFootballData } from './from-football-data.ts';
export { SOCCER_DEFAULTS, PURE_DC_DEFAULTS, type SoccerHyperparameters } from './defaults.ts';
export * as calibration from '../calibration/index.ts';
export * as metrics from '../metrics/index.ts';
export * as footballData from '../data/football-data.ts';
