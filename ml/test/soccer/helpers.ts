import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFootballDataCsv } from '../../src/data/football-data.ts';
import type { SoccerMatch } from '../../src/soccer/index.ts';

export const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data/soccer_football_data');

/** EPL seasons from the shared data, as model matches. */
export function eplSeasons(...seasons: string[]): SoccerMatch[] {
  return seasons.flatMap((s) =>
    parseFootballDataCsv(readFileSync(path.join(SHARED, 'E0', `E0_${s}.csv`), 'utf8')).matches.map((m) => ({
      home: m.homeTeam,
      away: m.awayTeam,
      homeGoals: m.homeGoals,
      awayGoals: m.awayGoals,
      day: m.day,
    })),
  );
}
