/**
 * Our prop market names ↔ the `prop` column of odds_snapshots (the odds feed's market key without `player_`,
 * e.g. `player_pass_yds` → `pass_yds`; worker/src/services/ingest/odds-api/ingest.ts).
 */
import type { MarketName } from '@fairline/ml/nfl/props/index';

/**
 * Our prop market name → the key stored in odds_snapshots.prop: The Odds API's player market key without its
 * `player_` prefix (`player_pass_yds` → `pass_yds`).
 */
export const PROP_KEY: Record<MarketName, string> = {
  passing_yards: 'pass_yds',
  rushing_yards: 'rush_yds',
  receiving_yards: 'reception_yds',
  receptions: 'receptions',
  completions: 'pass_completions',
  attempts: 'pass_attempts',
  passing_tds: 'pass_tds',
  carries: 'rush_attempts',
  anytime_td: 'anytime_td',
};

const MARKET_OF_KEY = new Map(Object.entries(PROP_KEY).map(([market, key]) => [key, market as MarketName]));

/** The prop market of a stored `prop` key (PROP_KEY read backwards); undefined for a market we do not model. */
export function marketOfPropKey(key: string): MarketName | undefined {
  return MARKET_OF_KEY.get(key);
}
