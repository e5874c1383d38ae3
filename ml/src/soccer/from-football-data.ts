/**
 * Adapter from parsed football-data.co.uk records to backtest matches: Pinnacle closing odds (PSCH/PSCD/PSCA)
 * are the benchmark and Pinnacle pre-match odds (PSH/PSD/PSA) the price a bettor could take. Files without
 * Pinnacle closing columns fall back to the market-average closing price (`AvgC`) when present.
 */
import type { FootballDataMatch } from '../data/football-data.ts';
import type { BacktestMatch } from './backtest.ts';

/**
 * A football-data.co.uk match as a backtest match: Pinnacle closing 1X2 (else the market-average closing) as the
 * benchmark, Pinnacle pre-match as the price, shots on target when recorded.
 */
export function backtestMatchFromFootballData(m: FootballDataMatch): BacktestMatch {
  return {
    home: m.homeTeam,
    away: m.awayTeam,
    homeGoals: m.homeGoals,
    awayGoals: m.awayGoals,
    day: m.day,
    closing: m.pinnacleClosing ?? m.odds1x2['AvgC'] ?? null,
    price: m.pinnacle,
    homeShotsOnTarget: m.homeShotsOnTarget,
    awayShotsOnTarget: m.awayShotsOnTarget,
  };
}
