/**
 * Recording a props training run against real Postgres: 2019 games and player-weeks are ingested with the
 * ingestion verbs, a small receptions model is trained on 2017–2018 and its 2019 projections are stored.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnv, fitPropModel, loadPropModel, MARKETS, offeredRows, PROP_DEFAULTS, projectionRecords, serializePropModel, type ProjectionRecord,
} from '@fairline/ml/nfl/props/index';
import type { FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { gamesText, weeklyText } from './data.ts';
import { freshDatabaseWith2019 } from './database.ts';
import { rowsOf as rowsIn } from '../../../support/database.ts';
import { recordTrainingRun, trainAndRecord } from '../../../../src/services/nfl/props/index.ts';


let fresh: FreshDb;
let ctx: Ctx;
const env = buildEnv([2017, 2018, 2019].map(weeklyText), [gamesText]);
const FAST = (seed: number) => ({ ...PROP_DEFAULTS.receptions, gbdt: { ...PROP_DEFAULTS.receptions.gbdt, trees: 30, seed } });
const model = fitPropModel(env, 'receptions', [2017, 2018], FAST(1));
const records: ProjectionRecord[] = projectionRecords(model, env, offeredRows(MARKETS.receptions, env.table, new Set([2019])));
const run = (m = model, projections: ProjectionRecord[] = records) => ({
  models: [{ market: 'receptions', artifact: serializePropModel(m), metrics: { mae: 1.8 } }],
  projections,
});
const rowsOf = <T>(q: ReturnType<typeof sql>) => rowsIn<T>(fresh.db, q);

beforeAll(async () => {
  ({ fresh, ctx } = await freshDatabaseWith2019());
});
afterAll(async () => {
  await fresh?.drop();
});

describe('recordTrainingRun', () => {
  it('writes one model version per market and every projection tied to it', async () => {
    expect(records.length).toBeGreaterThan(1000);
    const r = await recordTrainingRun({ ctx, input: run() });
    expect(r.models).toEqual([{ market: 'receptions', id: expect.any(Number), version: 1, created: true }]);
    expect(r.projections).toEqual({ inserted: records.length, unchanged: 0, unknownFixture: 0, unknownPlayer: 0 });
    const [mv] = await rowsOf<{ kind: string; scope: string; status: string; feature_columns: string[]; metrics: object; artifact: object }>(
      sql`SELECT kind, scope, status, feature_columns, metrics, artifact FROM model_versions WHERE id = ${r.models[0]!.id}`,
    );
    expect(mv).toMatchObject({ kind: 'nfl_props', scope: 'nfl:receptions', status: 'candidate', feature_columns: model.featureNames, metrics: { mae: 1.8 } });
    // The stored artifact is the model: loading it reproduces the projections.
    const back = loadPropModel(mv!.artifact);
    expect(projectionRecords(back, env, offeredRows(MARKETS.receptions, env.table, new Set([2019])))).toEqual(records);
    const [{ n }] = (await rowsOf<{ n: string }>(sql`SELECT count(*) AS n FROM projections WHERE model_version_id = ${r.models[0]!.id}`)) as [{ n: string }];
    expect(Number(n)).toBe(records.length);
    // Spot check one row against its record (natural keys resolved to ids).
    const rec = records[0]!;
    const [row] = await rowsOf<{ mean: number; distribution: { median: number } }>(sql`
      SELECT p.mean, p.distribution FROM projections p
      JOIN fixtures f ON f.id = p.fixture_id JOIN players pl ON pl.id = p.player_id
      WHERE f.natural_key = ${rec.gameId} AND pl.external_id = ${rec.playerExternalId} AND p.market = 'receptions'`);
    expect(row!.mean).toBeCloseTo(rec.mean, 10);
    expect(row!.distribution.median).toBe(rec.distribution.median);
  });

  it('is idempotent: the same run again reuses the version and stores nothing new; a new artifact gets version 2', async () => {
    const again = await recordTrainingRun({ ctx, input: run() });
    expect(again.models[0]).toMatchObject({ version: 1, created: false });
    expect(again.projections).toMatchObject({ inserted: 0, unchanged: records.length });
    const other = fitPropModel(env, 'receptions', [2017, 2018], FAST(2));
    const second = await recordTrainingRun({ ctx, input: run(other, projectionRecords(other, env, offeredRows(MARKETS.receptions, env.table, new Set([2019]))).slice(0, 10)) });
    expect(second.models[0]).toMatchObject({ version: 2, created: true });
    expect(second.projections.inserted).toBe(10);
  });

  it('counts projections whose game or player is unknown instead of failing', async () => {
    const bogus = [{ ...records[0]!, gameId: '2019_99_XXX_YYY' }, { ...records[1]!, playerExternalId: '00-0000000' }];
    const r = await recordTrainingRun({ ctx, input: run(model, bogus) });
    expect(r.projections).toEqual({ inserted: 0, unchanged: 0, unknownFixture: 1, unknownPlayer: 1 });
  });

  it('rejects a foreign artifact, a projection for an untrained market, and writes nothing', async () => {
    const before = await rowsOf<{ n: string }>(sql`SELECT count(*) AS n FROM model_versions`);
    const bad = run();
    (bad.models[0]!.artifact as { tag: string }).tag = 'fairline.gbdt';
    await expect(recordTrainingRun({ ctx, input: bad })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(recordTrainingRun({ ctx, input: run(model, [{ ...records[0]!, market: 'carries' }]) })).rejects.toThrow(/did not train/);
    expect(await rowsOf<{ n: string }>(sql`SELECT count(*) AS n FROM model_versions`)).toEqual(before);
  });
});

describe('trainAndRecord', () => {
  it('trains the requested markets, stores a version with scored metrics and the season’s projections', async () => {
    const carriesFast = { ...PROP_DEFAULTS.carries, gbdt: { ...PROP_DEFAULTS.carries.gbdt, trees: 30 } };
    const r = await trainAndRecord({
      ctx,
      input: { weeklyCsvs: [2017, 2018, 2019].map(weeklyText), gamesCsvs: [gamesText], trainSeasons: [2017, 2018], projectSeasons: [2019], markets: ['carries'], configs: { carries: carriesFast } },
    });
    const offered = offeredRows(MARKETS.carries, env.table, new Set([2019])).length;
    expect(r.models).toEqual([{ market: 'carries', id: expect.any(Number), version: 1, created: true }]);
    expect(r.projections).toEqual({ inserted: offered, unchanged: 0, unknownFixture: 0, unknownPlayer: 0 });
    const [mv] = await rowsOf<{ metrics: Record<string, number>; trained_from: Date; trained_to: Date }>(
      sql`SELECT metrics, trained_from, trained_to FROM model_versions WHERE id = ${r.models[0]!.id}`,
    );
    expect(Object.keys(mv!.metrics).sort()).toEqual(['baselineMae', 'coverage80', 'ece', 'logLoss', 'mae', 'n', 'oosRows']);
    expect(mv!.metrics.n).toBe(offered);
    expect(new Date(mv!.trained_from).toISOString()).toBe('2017-09-01T00:00:00.000Z');
    await expect(
      trainAndRecord({ ctx, input: { weeklyCsvs: [], gamesCsvs: [], trainSeasons: [2018, 2019], projectSeasons: [2019] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
