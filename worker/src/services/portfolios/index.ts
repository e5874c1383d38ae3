// Portfolio verbs: create, list, get, rename, archive, statistics — every one scoped by the caller.
export { createPortfolio } from './create-portfolio.ts';
export { listPortfolios, getPortfolio } from './read-portfolios.ts';
export { renamePortfolio, archivePortfolio } from './change-portfolio.ts';
export { portfolioStatistics, statsOfPortfolio, type PortfolioStatsView, type StatsGroup, type StatsTotals } from './portfolio-stats.ts';
export { createPortfolioInput, listPortfoliosInput, portfolioIdInput, renamePortfolioInput } from './inputs.ts';
export { amountInput, amountText, decimalsOf, positiveMinorUnits, toAmount } from './money.ts';
export { portfolioView, type PortfolioView } from './view.ts';
