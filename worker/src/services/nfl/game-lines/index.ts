// NFL game lines: training/recording the game-lines model and pricing a fixture's book lines with it.
export { recordGameLines, recordGameLinesInput, type RecordGameLinesInput, type RecordGameLinesResult } from './record-game-lines.ts';
export { trainGameLines, trainGameLinesInput, type TrainGameLinesInput, type TrainGameLinesResult } from './train-game-lines.ts';
export { gameLinesVersion, GAME_LINES_KIND, GAME_LINES_SCOPE, type GameLinesVersion } from './model-version.ts';
export {
  nflGameLines, nflGameLinesInput, nflPriceGameLine, nflPriceGameLineInput,
  type NflGameLines, type GameLineQuote, type GameLineSide, type PricedGameLine, type Consensus, type ModelInfo,
} from './fixture-game-lines.ts';
export { gameLineValueBets, gameLineValueBetsInput, type GameLineValueBet, type GameLineValueBets } from './value-bets.ts';
