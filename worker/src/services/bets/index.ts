// Bet verbs (place from a quote, record by hand, void, read, Kelly stake, CSV import/export) — every one scoped by the
// caller — and the crons' closing-line capture and settlement.
export { placeBet, storedPrice, type PlacedBet } from './place-bet.ts';
export { recordBet, checkPlacedAt, bookIdOf } from './record-bet.ts';
export { voidBet } from './void-bet.ts';
export { getBet, listBets, type BetDetail, type SettlementView } from './read-bets.ts';
export { suggestBetStake, type StakeSuggestionView } from './suggest-stake.ts';
export { importBetsCsv, MAX_IMPORT_ROWS, type ImportReject, type ImportReport } from './import-csv.ts';
export { exportBetsCsv, type ExportedCsv } from './export-csv.ts';
export { captureClosingLines, CLOSING_WINDOW_MS, type CaptureReport, type ClosingCaptured } from './capture-closing.ts';
export { settleBets, eventResultOf, propStat, PROP_STAT_GRACE_MS, RESETTLE_WINDOW_MS, type BetSettled, type SettleReport } from './settle-bets.ts';
export { chooseClosing, SHARP_BOOKS, type ChosenClosing, type ClosingBet } from './closing-line.ts';
export {
  betIdInput, clientRefInput, exportCsvInput, importCsvInput, listBetsInput, MAX_CSV_CHARS, placeBetInput, priceInput, recordBetInput, suggestStakeInput,
} from './inputs.ts';
export { betView, type BetView, type ClosingView } from './view.ts';
