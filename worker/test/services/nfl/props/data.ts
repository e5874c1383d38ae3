/** The shared nflverse files the props service tests read (../shared/data, never copied into the repo). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DATA = path.resolve(import.meta.dirname, '../../../../../../shared/data');

export const weeklyPath = (season: number) => path.join(DATA, `nfl_player_weekly/weekly_${season}.csv`);
export const GAMES_PATH = path.join(DATA, 'nfl_games/games_1999-2019.csv');
export const weeklyText = (season: number) => readFileSync(weeklyPath(season), 'utf8');
export const gamesText = readFileSync(GAMES_PATH, 'utf8');

/** Header plus the 2019 lines of the games file (byte-identical lines). */
export const games2019 = (() => {
  const [head, ...lines] = gamesText.split('\n');
  return [head, ...lines.filter((l) => l.split(',')[1] === '2019')].join('\n') + '\n';
})();
