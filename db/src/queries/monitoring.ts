/**
 * Model monitoring: the feature rows GBDT predictions scored (`model_inputs`), read back to explain a prediction or to
 * compare a week of them with the training profile; settled soccer 1X2 forecasts for calibration drift; and the daily
 * `drift_reports` (upserted per version, metric, subject, window and day, so a re-run replaces the day's figures).
 */
import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import type { DriftLevelName, ModelKind } from '../schema/enums.ts';
import { modelVersions, predictions } from '../schema/models/index.ts';
import { driftReports, modelInputs } from '../schema/ops/index.ts';
import { fixtures } from '../schema/sports/fixtures.ts';

/** One feature row to store (features in the artifact's column order, null = missing). */
export type NewModelInput = typeof modelInputs.$inferInsert;

/** Stores feature rows, skipping those already stored (natural key: version, fixture, player, market); returns how many were new. */
export async function insertModelInputs(tx: Tx, rows: readonly NewModelInput[]): Promise<number> {
  let inserted = 0;
  // Chunks keep one statement under Postgres's 65,535 bind parameters (7 per row) with room to spare.
  for (let i = 0; i < rows.length; i += 2000) {
    const r = await tx.insert(modelInputs).values(rows.slice(i, i + 2000)).onConflictDoNothing().returning({ id: modelInputs.id });
    inserted += r.length;
  }
  return inserted;
}

/** A stored feature row of one fixture. */
export interface ModelInputRow {
  modelVersionId: number;
  playerId: number | null;
  market: string;
  features: Array<number | null>;
}

/**
 * The stored feature rows of a fixture under the given model versions, optionally of one player (null: the
 * fixture-level rows, e.g. soccer's). The API explains predictions from them.
 */
export async function fixtureModelInputs(db: Db, fixtureId: number, versionIds: readonly number[], playerId?: number | null): Promise<ModelInputRow[]> {
  if (versionIds.length === 0) return [];
  const where = [eq(modelInputs.fixtureId, fixtureId), inArray(modelInputs.modelVersionId, [...versionIds])];
  if (playerId === null) where.push(isNull(modelInputs.playerId));
  else if (playerId !== undefined) where.push(eq(modelInputs.playerId, playerId));
  return db
    .select({ modelVersionId: modelInputs.modelVersionId, playerId: modelInputs.playerId, market: modelInputs.market, features: modelInputs.features })
    .from(modelInputs)
    .where(and(...where));
}

/** An active model version as the drift cron sees it: the slot, its training profile (null when it has none) and metrics. */
export interface MonitoredVersion {
  id: number;
  kind: ModelKind;
  scope: string;
  version: number;
  /** `artifact -> 'featureProfile'` (ml metrics/psi.ts FeatureProfile), read by path so the trees stay in Postgres. */
  featureProfile: unknown;
  metrics: Record<string, number>;
}

/** Every active model version with its training profile (if any) and metrics. */
export async function activeVersionsForMonitoring(db: Db): Promise<MonitoredVersion[]> {
  return db
    .select({
      id: modelVersions.id,
      kind: modelVersions.kind,
      scope: modelVersions.scope,
      version: modelVersions.version,
      featureProfile: sql<unknown>`${modelVersions.artifact} -> 'featureProfile'`,
      metrics: modelVersions.metrics,
    })
    .from(modelVersions)
    .where(eq(modelVersions.status, 'active'))
    .orderBy(modelVersions.kind, modelVersions.scope);
}

/** The feature rows version `id` scored since `since` (newest first, at most `limit`). */
export async function liveModelInputs(db: Db, id: number, since: Date, limit = 20_000): Promise<Array<Array<number | null>>> {
  const rows = await db
    .select({ features: modelInputs.features })
    .from(modelInputs)
    .where(and(eq(modelInputs.modelVersionId, id), gte(modelInputs.createdAt, since)))
    .orderBy(desc(modelInputs.createdAt), desc(modelInputs.id))
    .limit(limit);
  return rows.map((r) => r.features);
}

/** A settled soccer 1X2 forecast: the last probabilities stored before kickoff, and the result. */
export interface Settled1x2Row {
  kind: ModelKind;
  scope: string;
  fixtureId: number;
  /** The version that made the forecast. */
  modelVersionId: number;
  home: number;
  draw: number;
  away: number;
  /** 0 home win, 1 draw, 2 away win. */
  outcome: 0 | 1 | 2;
}

/**
 * Settled 1X2 forecasts of matches that kicked off in [from, to] and finished: per kind, scope and fixture, the
 * newest home/draw/away probabilities stored before kickoff (the answer the platform gave), with the result.
 */
export async function settled1x2Forecasts(db: Db, from: Date, to: Date): Promise<Settled1x2Row[]> {
  const latest = db
    .selectDistinctOn([modelVersions.kind, modelVersions.scope, predictions.fixtureId, predictions.selection], {
      kind: sql<ModelKind>`${modelVersions.kind}`.as('kind'),
      scope: sql<string>`${modelVersions.scope}`.as('scope'),
      fixtureId: sql<number>`${predictions.fixtureId}`.as('fixture_id'),
      modelVersionId: sql<number>`${predictions.modelVersionId}`.as('model_version_id'),
      selection: sql<string>`${predictions.selection}`.as('selection'),
      probability: sql<number>`${predictions.probability}`.as('probability'),
      outcome: sql<number>`case when ${fixtures.homeScore} > ${fixtures.awayScore} then 0 when ${fixtures.homeScore} = ${fixtures.awayScore} then 1 else 2 end`.as('outcome'),
    })
    .from(predictions)
    .innerJoin(modelVersions, eq(modelVersions.id, predictions.modelVersionId))
    .innerJoin(fixtures, eq(fixtures.id, predictions.fixtureId))
    .where(
      and(
        eq(predictions.market, '1x2'),
        inArray(predictions.selection, ['home', 'draw', 'away']),
        eq(fixtures.status, 'final'),
        isNotNull(fixtures.homeScore),
        isNotNull(fixtures.awayScore),
        gte(fixtures.kickoffAt, from),
        lte(fixtures.kickoffAt, to),
        lte(predictions.createdAt, fixtures.kickoffAt),
      ),
    )
    .orderBy(modelVersions.kind, modelVersions.scope, predictions.fixtureId, predictions.selection, desc(predictions.createdAt), desc(predictions.id))
    .as('latest');
  const rows = await db
    .select({
      kind: latest.kind,
      scope: latest.scope,
      fixtureId: latest.fixtureId,
      modelVersionId: sql<number>`max(${latest.modelVersionId})`,
      home: sql<number>`max(${latest.probability}) filter (where ${latest.selection} = 'home')`,
      draw: sql<number>`max(${latest.probability}) filter (where ${latest.selection} = 'draw')`,
      away: sql<number>`max(${latest.probability}) filter (where ${latest.selection} = 'away')`,
      outcome: sql<number>`max(${latest.outcome})`,
    })
    .from(latest)
    .groupBy(latest.kind, latest.scope, latest.fixtureId)
    .having(sql`count(*) = 3`)
    .orderBy(latest.kind, latest.scope, latest.fixtureId);
  // The drivers hand aggregates back as strings on some paths.
  return rows.map((r) => ({
    ...r, fixtureId: Number(r.fixtureId), modelVersionId: Number(r.modelVersionId), home: Number(r.home), draw: Number(r.draw), away: Number(r.away),
    outcome: Number(r.outcome) as 0 | 1 | 2,
  }));
}

/** One figure of a daily drift report. */
export type NewDriftReport = Omit<typeof driftReports.$inferInsert, 'id' | 'createdAt'> & { reportedOn: string; level: DriftLevelName };

/** Writes the day's figures, replacing any already written for the same version, metric, subject, window and day. */
export async function upsertDriftReports(tx: Tx, rows: readonly NewDriftReport[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await tx
      .insert(driftReports)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [driftReports.modelVersionId, driftReports.metric, driftReports.subject, driftReports.window, driftReports.reportedOn],
        set: {
          value: sql`excluded.value`, baseline: sql`excluded.baseline`, level: sql`excluded.level`, sampleSize: sql`excluded.sample_size`,
          details: sql`excluded.details`, createdAt: sql`now()`,
        },
      })
      .returning({ id: driftReports.id });
    n += r.length;
  }
  return n;
}

/** The newest report row of an active version's metric and subject. */
export interface DriftReportRow {
  modelVersionId: number;
  kind: ModelKind;
  scope: string;
  version: number;
  metric: string;
  subject: string;
  window: string;
  value: number;
  baseline: number | null;
  level: DriftLevelName;
  sampleSize: number;
  reportedOn: string;
}

/** For every active version, the newest report of each metric, subject and window (what /metrics exposes). */
export async function latestDriftReports(db: Db): Promise<DriftReportRow[]> {
  return db
    .selectDistinctOn([driftReports.modelVersionId, driftReports.metric, driftReports.subject, driftReports.window], {
      modelVersionId: driftReports.modelVersionId,
      kind: modelVersions.kind,
      scope: modelVersions.scope,
      version: modelVersions.version,
      metric: driftReports.metric,
      subject: driftReports.subject,
      window: driftReports.window,
      value: driftReports.value,
      baseline: driftReports.baseline,
      level: driftReports.level,
      sampleSize: driftReports.sampleSize,
      reportedOn: driftReports.reportedOn,
    })
    .from(driftReports)
    .innerJoin(modelVersions, eq(modelVersions.id, driftReports.modelVersionId))
    .where(eq(modelVersions.status, 'active'))
    .orderBy(driftReports.modelVersionId, driftReports.metric, driftReports.subject, driftReports.window, desc(driftReports.reportedOn));
}

/** A settled prop projection: the projected mean, the book's line before kickoff and the player's box score. */
export interface SettledPropRow {
  modelVersionId: number;
  scope: string;
  market: string;
  mean: number;
  /** The line of the newest over/yes quote of any book captured before kickoff (null: no book quoted it). */
  line: number | null;
  completions: number | null;
  passAttempts: number | null;
  passingYards: number | null;
  passingTds: number | null;
  carries: number | null;
  rushingYards: number | null;
  rushingTds: number | null;
  receptions: number | null;
  receivingYards: number | null;
  receivingTds: number | null;
}

/**
 * Prop projections of games that kicked off in [from, to] and finished, made before kickoff by an `nfl_props`
 * version (back-filled projections of past games are not forecasts), with the player's box score and the newest
 * line a book quoted before kickoff (`propKeys`: market → the odds feed's prop key).
 */
export async function settledPropForecasts(db: Db, from: Date, to: Date, propKeys: Readonly<Record<string, string>>): Promise<SettledPropRow[]> {
  const keys = sql.join(Object.entries(propKeys).map(([m, k]) => sql`(${m}, ${k})`), sql`, `);
  const r = await db.execute(sql`
    WITH keys(market, prop) AS (VALUES ${keys})
    SELECT p.model_version_id AS "modelVersionId", mv.scope, p.market, p.mean, q.line,
           s.completions, s.pass_attempts AS "passAttempts", s.passing_yards AS "passingYards", s.passing_tds AS "passingTds",
           s.carries, s.rushing_yards AS "rushingYards", s.rushing_tds AS "rushingTds", s.receptions,
           s.receiving_yards AS "receivingYards", s.receiving_tds AS "receivingTds"
    FROM projections p
    JOIN model_versions mv ON mv.id = p.model_version_id AND mv.kind = 'nfl_props'
    JOIN fixtures f ON f.id = p.fixture_id AND f.status = 'final' AND f.kickoff_at >= ${from} AND f.kickoff_at <= ${to}
    JOIN player_game_stats s ON s.player_id = p.player_id AND s.fixture_id = p.fixture_id
    JOIN keys k ON k.market = p.market
    LEFT JOIN LATERAL (
      SELECT o.line FROM odds_snapshots o
      WHERE o.fixture_id = p.fixture_id AND o.player_id = p.player_id AND o.market = 'player_prop' AND o.prop = k.prop
        AND o.selection IN ('over', 'yes') AND o.captured_at <= f.kickoff_at
      ORDER BY o.captured_at DESC, o.id DESC LIMIT 1
    ) q ON true
    WHERE p.created_at <= f.kickoff_at`);
  return (r as unknown as { rows: SettledPropRow[] }).rows.map((x) => ({ ...x, modelVersionId: Number(x.modelVersionId), mean: Number(x.mean), line: x.line === null ? null : Number(x.line) }));
}
