// Portfolios and bets: the owner-scoped statements of the verbs, and the system-wide ones of the closing-line and
// settlement crons.
export * from './portfolios.ts';
export * from './bets.ts';
export * from './settlement.ts';
