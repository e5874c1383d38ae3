import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
export const weeklyText = (season: number) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${season}.csv`), 'utf8');
export const gamesText = () => readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8');

const HEADER =
  'player_id,player_name,player_display_name,position,position_group,headshot_url,recent_team,season,week,season_type,opponent_team,' +
  'completions,attempts,passing_yards,passing_tds,interceptions,sacks,passing_air_yards,carries,rushing_yards,rushing_tds,' +
  'receptions,targets,receiving_yards,receiving_tds,receiving_air_yards,target_share,air_yards_share';

/** A tiny weekly CSV: each entry is [id, position, team, season, week, opponent, receptions, targets, receiving_yards]. */
export function syntheticWeekly(rows: ReadonlyArray<[string, string, string, number, number, string, number, number, number]>): string {
  const lines = rows.map(([id, pos, team, season, week, opp, rec, tgt, yds]) =>
    [id, `P.${id}`, `Player ${id}`, pos, pos, '', team, season, week, week > 18 ? 'POST' : 'REG', opp,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, rec, tgt, yds, 0, 0, '', ''].join(','),
  );
  return [HEADER, ...lines].join('\n') + '\n';
}
