/**
 * Train the prop models on given seasons and store the run (see record-training-run.ts): one model version
 * per market with its metrics, and projections for the player-games of `projectSeasons` a book would price.
 * The CSV texts are passed in (no file system here), so the CLI and a cron job can share this verb.
 */
import {
  ALL_MARKETS, buildEnv, fitPropModel, MARKETS, offeredRows, PROP_DEFAULTS, projectionRecords, scoreMarket, scoresOnly, serializePropModel,
  type MarketName, type PropModelConfig,
} from '@fairline/ml/nfl/props/index';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { recordTrainingRun, type RecordTrainingRunResult } from './record-training-run.ts';

export interface TrainAndRecordInput {
  weeklyCsvs: readonly string[];
  gamesCsvs: readonly string[];
  trainSeasons: readonly number[];
  /** Seasons whose player-games get stored projections (and, where played, scored metrics). */
  projectSeasons: readonly number[];
  markets?: readonly MarketName[];
  /** Per-market overrides of the tuned defaults (tests use smaller forests). */
  configs?: Partial<Record<MarketName, PropModelConfig>>;
}

/**
 * Fits one prop model per market (all by default; PROP_DEFAULTS unless `configs` overrides) on the training seasons
 * of nflverse weekly-stats and games CSVs, scores it on `projectSeasons` where they have been played, projects their
 * player-games a book would price, and stores the run (recordTrainingRun) with the training window 1 September of the
 * first season to 28 February after the last. BAD_REQUEST for an unknown market or projection seasons that overlap
 * the training seasons.
 */
export async function trainAndRecord({ ctx, input }: { ctx: Ctx; input: TrainAndRecordInput }): Promise<RecordTrainingRunResult> {
  const markets = input.markets ?? ALL_MARKETS;
  const unknown = markets.filter((m) => !(m in MARKETS));
  if (unknown.length) throw new AppError('BAD_REQUEST', `unknown market(s): ${unknown.join(', ')}`);
  if (input.projectSeasons.some((s) => input.trainSeasons.includes(s))) throw new AppError('BAD_REQUEST', 'projection seasons overlap the training seasons');
  const env = buildEnv(input.weeklyCsvs, input.gamesCsvs);
  const seasons = [...input.trainSeasons].sort((a, b) => a - b);
  const models: Parameters<typeof recordTrainingRun>[0]['input']['models'] = [];
  const projections: Parameters<typeof recordTrainingRun>[0]['input']['projections'] = [];
  for (const market of markets) {
    const model = fitPropModel(env, market, seasons, input.configs?.[market] ?? PROP_DEFAULTS[market]);
    const rows = offeredRows(MARKETS[market], env.table, new Set(input.projectSeasons));
    const played = rows.some((i) => Number.isFinite(MARKETS[market].outcome(env.table, i)));
    const scores = played ? scoresOnly(scoreMarket(model, env, input.projectSeasons)) : null;
    const metrics: Record<string, number> = { oosRows: model.oosRows };
    if (scores) for (const [k, v] of Object.entries(scores)) if (Number.isFinite(v)) metrics[k] = v;
    models.push({
      market, artifact: serializePropModel(model), metrics,
      trainedFrom: new Date(Date.UTC(seasons[0]!, 8, 1)), trainedTo: new Date(Date.UTC(seasons.at(-1)! + 1, 1, 28)),
    });
    projections.push(...projectionRecords(model, env, rows));
  }
  return recordTrainingRun({ ctx, input: { models, projections } });
}
