/**
 * Fit the NFL game-lines model (ml/src/nfl/game-lines: key-number margin and total laws anchored on the
 * market line) on given seasons of nflverse games files, score it on held-out seasons when given, and store
 * it as one model version (record-game-lines.ts). The CSV texts are passed in (no file system here), so the
 * CLI and a cron job share this verb.
 */
import { parseGames } from '@fairline/ml/nfl/games';
import { fitGameLines, scoreGameLines, serializeGameLines, type GameLinesReport } from '@fairline/ml/nfl/game-lines/index';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { recordGameLines, type RecordGameLinesResult } from './record-game-lines.ts';

const season = z.number().int().min(1920).max(2200);

/**
 * A game-lines training run: `gamesCsvs`, at least one nflverse games.csv text; `trainSeasons`, at least one season
 * (1920–2200) to fit on; `testSeasons`, held-out seasons (same bounds, none of them a training season) to score on,
 * default none.
 */
export const trainGameLinesInput = z
  .object({
    gamesCsvs: z.array(z.string()).min(1),
    trainSeasons: z.array(season).min(1),
    /** Held-out seasons the fitted model is scored on (metrics); never used for fitting. */
    testSeasons: z.array(season).default([]),
  })
  .refine((i) => !i.testSeasons.some((s) => i.trainSeasons.includes(s)), 'test seasons overlap the training seasons');
export type TrainGameLinesInput = z.input<typeof trainGameLinesInput>;

export interface TrainGameLinesResult extends RecordGameLinesResult {
  trainSeasons: number[];
  testSeasons: number[];
  metrics: Record<string, number>;
}

/** The scored report as flat finite metrics (`test.spread.sideLogLoss` …). */
function flatten(report: GameLinesReport): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (prefix: string, o: object) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && Number.isFinite(v)) out[`${prefix}${k}`] = v;
      else if (v && typeof v === 'object') walk(`${prefix}${k}.`, v);
    }
  };
  walk('test.', report);
  return out;
}

/**
 * Fits the game-lines model (ml/src/nfl/game-lines: σ and key-number weights of the margin and total laws) on the
 * training seasons' games, scores it on the test seasons (`test.…` metrics: log losses, push rates …) and files it as
 * a candidate version (recordGameLines), with the training window 1 September of the first season to 28 February
 * after the last. BAD_REQUEST for an invalid input, a failed fit or a test season without a played game.
 */
export async function trainGameLines({ ctx, input }: { ctx: Ctx; input: TrainGameLinesInput }): Promise<TrainGameLinesResult> {
  const parsed = trainGameLinesInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid game-lines training: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  const trainSeasons = [...new Set(parsed.data.trainSeasons)].sort((a, b) => a - b);
  const testSeasons = [...new Set(parsed.data.testSeasons)].sort((a, b) => a - b);
  const games = parseGames(parsed.data.gamesCsvs);
  let model: ReturnType<typeof fitGameLines>;
  try {
    model = fitGameLines(games, trainSeasons);
  } catch (err) {
    throw new AppError('BAD_REQUEST', err instanceof Error ? err.message : String(err));
  }
  const metrics: Record<string, number> = { trainGames: model.games, marginSigma: model.marginSigma, totalSigma: model.totalSigma };
  if (testSeasons.length > 0) {
    const test = games.filter((g) => testSeasons.includes(g.season));
    if (!test.some((g) => Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore))) {
      throw new AppError('BAD_REQUEST', `no played games in the test season(s) ${testSeasons.join(', ')}`);
    }
    Object.assign(metrics, flatten(scoreGameLines(model, test)));
  }
  const recorded = await recordGameLines({
    ctx,
    input: {
      artifact: serializeGameLines(model),
      config: { method: 'key-number margin and total laws anchored on the market line (median)', trainSeasons, testSeasons },
      metrics,
      trainedFrom: new Date(Date.UTC(trainSeasons[0]!, 8, 1)),
      trainedTo: new Date(Date.UTC(trainSeasons.at(-1)! + 1, 1, 28)),
    },
  });
  return { ...recorded, trainSeasons, testSeasons, metrics };
}
