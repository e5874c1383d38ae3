import { refitGameLinesFromResults } from '../services/nfl/game-lines/refit-from-results.ts';
import { ran, type Job } from './job.ts';

/** After the daily results: refit the game-lines model when new NFL results (with closing lines) arrived, and make it live. */
export const refitGameLinesJob: Job = {
  name: 'refit-game-lines',
  async run({ ctx }) {
    const r = await refitGameLinesFromResults({ ctx });
    return ran({ outcome: r.outcome, games: r.games, seasons: r.seasons.length ? `${r.seasons[0]}–${r.seasons.at(-1)}` : null, version: r.version?.version ?? null });
  },
};
