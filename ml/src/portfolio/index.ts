// Portfolios: what a bet is on, THE settlement rule (result and P&L in integer minor units), closing-line value
// against a margin-free closing price, the statistics of settled bets, the Kelly stake suggestion, and the
// offline analysis of a bettor's soccer history against football-data results files.
export { BET_MARKETS, CORRECT_SCORE_MAX_GOALS, parseBetSelection, selectionName, type BetMarket, type BetSelection, type RawBetSelection } from './bet.ts';
export {
  SETTLED_RESULTS,
  overLineHalves,
  settleBet,
  settleSelection,
  type BetToSettle,
  type EventResult,
  type SettledResult,
  type Settlement,
} from './settle.ts';
export {
  PRICE_MICROS,
  checkStake,
  currencyDecimals,
  parseMinorUnits,
  priceMicros,
  profitMinor,
  profitPerUnit,
  roundHalfAwayFromZero,
  toMajorUnits,
} from './money.ts';
export { closingLineValue, fairClosingPrices } from './clv.ts';
export { maxDrawdown, type Drawdown } from './drawdown.ts';
export { CLV_HISTOGRAM, histogram, type HistogramBin, type HistogramOptions } from './histogram.ts';
export {
  breakdown,
  inDateOrder,
  portfolioStats,
  portfolioTotals,
  type CurvePoint,
  type GroupTotals,
  type PortfolioStats,
  type PortfolioStatsOptions,
  type PortfolioTotals,
  type SettledBetRecord,
} from './stats.ts';
export { DEFAULT_STAKE_CAP, KELLY_FRACTIONS, suggestStake, type KellyFraction, type StakeSuggestion, type StakeSuggestionInput } from './stake.ts';
export {
  ANALYSIS_DECIMALS,
  BET_CSV_COLUMNS,
  analyzeFootballDataBets,
  pinnacleFairClosingPrice,
  type AnalysisReject,
  type AnalysisReport,
  type AnalysisSummary,
  type AnalyzedBet,
  type ResultsFile,
} from './football-data-bets.ts';
