// NFL game lines: margin and total laws anchored on the market line with learned key-number shape →
// P(cover), P(push), P(over), P(win) at the market's line and at any alternative line.
export {
  fitGameLines, gameLaws, pricesFromLaws, priceGame, priceGames, marginLaw, totalLaw, lineOdds, serializeGameLines, loadGameLines, GAME_LINES_TAG, GAME_LINES_VERSION,
  type GameLaws, type GameLinesModel, type GameOutcome, type GamePrices, type LineOdds,
} from './model.ts';
export { centreForLine, discreteLaw, fitKeyWeights, KEY_RANGE, type DiscreteLaw, type KeyWeights } from './law.ts';
export { backtestGameLines, scoreGameLines, type GameLinesReport, type LineScore } from './evaluate.ts';
export { normalCdf, erfc } from './normal.ts';
