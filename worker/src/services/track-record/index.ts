/** The platform's public track record: its own value picks in a system portfolio (services/track-record). */
export { pickRef, recordPicks, flaggedPicks, TRACK_RECORD_DAYS, TRACK_RECORD_MIN_EDGE, type Pick, type RecordedPicks } from './record-picks.ts';
export { trackRecordSummary, MAX_LISTED_PICKS, type TrackRecordSummary } from './summary.ts';
export { ensureSystemPortfolio, findSystemPortfolio, PICK_STAKE, SYSTEM_EMAIL, TRACK_RECORD_NAME, type SystemPortfolio } from './system-portfolio.ts';
