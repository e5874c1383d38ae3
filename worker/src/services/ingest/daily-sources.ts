/**
 * Where the daily results come from: the current season's football-data.co.uk results files and the nflverse
 * schedule and weekly player stats, at the providers' published URL layouts (they cannot be reached from the
 * test sandbox, so the tests serve the shared files under the same paths).
 */

/** football-data.co.uk divisions fetched every day (Premier League, Championship, La Liga, Bundesliga, Serie A, Ligue 1). */
export const FOOTBALL_DATA_DIVISIONS = ['E0', 'E1', 'SP1', 'D1', 'I1', 'F1'];

/** The football-data season folder ('2526': seasons start in July) and the NFL season ('2025': from March) current at `now`. */
export function currentSeasons(now: Date): { footballData: string; nfl: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const start = m >= 7 ? y : y - 1;
  const nfl = m >= 3 ? y : y - 1;
  return { footballData: `${String(start % 100).padStart(2, '0')}${String((start + 1) % 100).padStart(2, '0')}`, nfl };
}

/** The URLs of the daily results files current at `now`, per source. */
export function dailySourceUrls(now: Date): { footballData: string[]; nflverseGames: string; nflverseWeekly: string } {
  const s = currentSeasons(now);
  return {
    footballData: FOOTBALL_DATA_DIVISIONS.map((d) => `https://www.football-data.co.uk/mmz4281/${s.footballData}/${d}.csv`),
    nflverseGames: 'https://github.com/nflverse/nfldata/raw/master/data/games.csv',
    nflverseWeekly: `https://github.com/nflverse/nflverse-data/releases/download/player_stats/player_stats_${s.nfl}.csv`,
  };
}
