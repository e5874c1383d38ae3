// NFL game lines: margin and total GBDTs with normal predictive laws → P(cover), P(over), P(win).
export { buildGameFeatures, chronological, GAME_FEATURES, GAME_FEATURE_VERSION } from './features.ts';
export { fitGameLines, priceGames, serializeGameLines, loadGameLines, GAME_LINES_TAG, GAME_LINES_PARAMS, type GameLinesModel, type GamePrices } from './model.ts';
export { backtestGameLines, type GameLinesReport } from './evaluate.ts';
export { normalCdf, erfc } from './normal.ts';
