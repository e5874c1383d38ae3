/**
 * Our prop market names ↔ the `prop` column of odds_snapshots (the odds feed's market key without `player_`,
 * e.g. `player_pass_yds` → `pass_yds`; worker/src/services/ingest/odds-api/ingest.ts).
 */
import type { MarketName } from '@fairline/ml/nfl/props/index';

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

export function marketOfPropKey(key: string): MarketName | undefined {
  return MARKET_OF_KEY.get(key);
}
