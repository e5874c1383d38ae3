// Props verbs: storing training runs (model versions + projections).
export { recordTrainingRun, recordTrainingRunInput, type RecordTrainingRunInput, type RecordTrainingRunResult } from './record-training-run.ts';
export { trainAndRecord, type TrainAndRecordInput } from './train-and-record.ts';
export { fixtureProps, fixturePropsInput, pricePropLine, pricePropLineInput, type FixtureProps, type PlayerProps, type PropQuote, type PricedLine } from './fixture-props.ts';
export { PROP_KEY, marketOfPropKey } from './prop-keys.ts';
export { propValueBets, propValueBetsInput, type PropValueBet, type PropValueBets } from './value-bets.ts';
export { playerPage, playerPageInput, hitRate, STAT_OF_MARKET, type PlayerPage, type PlayerMarketPage, type HitRate } from './player-page.ts';
export { propsBoard, propsBoardInput, type PropsBoard, type BoardRow, type BoardBook, type BoardPrice } from './board.ts';
