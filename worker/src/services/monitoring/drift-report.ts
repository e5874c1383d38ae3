/**
 * The daily drift report of every active model version, written to `drift_reports` (idempotent per day):
 *  - feature drift: PSI of each feature between the version's training profile (`artifact.featureProfile`, filed
 *    with it) and the feature rows it scored in the last 7 days (`model_inputs`); levels by the PSI conventions
 *    0.1 / 0.25 applied to the excess over what sampling alone shows at that many rows (ml metrics/psi.ts). A week
 *    with fewer than MIN_LIVE_ROWS rows (one prop market scores ~60 a week) is widened to 28 days; below that the
 *    version is skipped: at 100 rows an unchanged feature still warns ~4 % of the time (simulated), at 57 ~15 %, and
 *    with ~90 features per model a smaller sample would warn every week. Versions without a profile (Dixon–Coles,
 *    the seed's simulated models) have nothing to compare.
 *  - calibration drift: mean Brier and pooled ECE of the soccer 1X2 forecasts settled in the last 28 days per kind
 *    and scope (the last forecast before kickoff, whichever version made it), against the ECE a calibrated forecaster
 *    shows at this sample (warn above its 95th percentile, alert above its 99th) and the active version's training-time
 *    Brier (ml metrics/calibration-drift.ts); written under the kind+scope's active version. At least MIN_SETTLED
 *    matches, else skipped. Props the same way per market: the calibrated P(over) (pushes left out) at the line a
 *    book quoted before kickoff, of projections made before kickoff, against the box score.
 * Every figure at `warn` or `alert` is logged as a warning (one line per version and metric).
 */
import { activeVersionsForMonitoring, liveModelInputs, settled1x2Forecasts, settledPropForecasts, upsertDriftReports, type MonitoredVersion, type NewDriftReport } from '@fairline/db';
import { calibrationDrift, psiByFeature, type FeatureProfile } from '@fairline/ml/metrics/index';
import { MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { priceLine } from '@fairline/ml/nfl/props/price';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { STAT_OF_MARKET } from '../nfl/props/player-page.ts';
import { PROP_KEY } from '../nfl/props/prop-keys.ts';
import { pricingModels } from '../nfl/props/pricing-models.ts';

/** Days of live rows compared with the training profile; the second when the first holds too few rows. */
export const PSI_WINDOWS_DAYS = [7, 28] as const;
/** Days of settled forecasts in the rolling calibration figures (about 4 rounds of a league: 40 EPL matches). */
export const CALIBRATION_WINDOW_DAYS = 28;
/** Live rows a version needs for a PSI figure (see the file comment). */
export const MIN_LIVE_ROWS = 100;
/** Settled matches a kind+scope needs for calibration figures. */
export const MIN_SETTLED = 30;

const DAY = 86_400_000;

const profileSchema = z
  .object({
    names: z.array(z.string()).min(1),
    edges: z.array(z.array(z.number())),
    shares: z.array(z.array(z.number())),
    n: z.number(),
  })
  .refine((p) => p.edges.length === p.names.length && p.shares.length === p.names.length && p.shares.every((s, j) => s.length === p.edges[j]!.length + 2), 'profile bins do not match its features');

/** What a report run did, for the job's log line. */
export interface DriftReportSummary {
  day: string;
  /** Rows written (inserted or replaced). */
  written: number;
  psiVersions: number;
  calibrationScopes: number;
  warnings: number;
  alerts: number;
  /** Why versions or scopes had no figures (e.g. `nfl_props nfl:receptions v3: 12 live rows (< 200)`). */
  skipped: string[];
}

/** Writes today's drift report (see the file comment); `input.now` pins the clock (tests, back-fills). */
export async function writeDriftReport({ ctx, input = {} }: { ctx: Ctx; input?: { now?: Date } }): Promise<DriftReportSummary> {
  const now = input.now ?? ctx.clock();
  const day = now.toISOString().slice(0, 10);
  const rows: NewDriftReport[] = [];
  const summary: DriftReportSummary = { day, written: 0, psiVersions: 0, calibrationScopes: 0, warnings: 0, alerts: 0, skipped: [] };
  const versions = await activeVersionsForMonitoring(ctx.read);

  for (const v of versions) {
    const name = `${v.kind} ${v.scope} v${v.version}`;
    if (v.featureProfile === null || v.featureProfile === undefined) continue; // no GBDT inputs to compare
    const parsed = profileSchema.safeParse(v.featureProfile);
    if (!parsed.success) {
      summary.skipped.push(`${name}: unusable feature profile (${parsed.error.issues[0]?.message})`);
      continue;
    }
    const profile: FeatureProfile = parsed.data;
    let live: Array<Array<number | null>> = [];
    let days: number = PSI_WINDOWS_DAYS[0];
    for (days of PSI_WINDOWS_DAYS) {
      live = await liveModelInputs(ctx.read, v.id, new Date(now.getTime() - days * DAY));
      if (live.length >= MIN_LIVE_ROWS) break;
    }
    if (live.length < MIN_LIVE_ROWS) {
      summary.skipped.push(`${name}: ${live.length} live rows in ${days} days (< ${MIN_LIVE_ROWS})`);
      continue;
    }
    const wrongWidth = live.find((r) => r.length !== profile.names.length);
    if (wrongWidth) {
      summary.skipped.push(`${name}: live rows of ${wrongWidth.length} features for a profile of ${profile.names.length}`);
      continue;
    }
    summary.psiVersions++;
    const drift = psiByFeature(profile, live);
    for (const d of drift) {
      rows.push({ modelVersionId: v.id, metric: 'psi', subject: d.feature, window: `${days}d`, value: d.psi, baseline: d.expected, level: d.level, sampleSize: live.length, reportedOn: day, details: null });
    }
    const flagged = drift.filter((d) => d.level !== 'ok').sort((a, b) => b.psi - a.psi);
    if (flagged.length) {
      const alert = flagged.some((d) => d.level === 'alert');
      ctx.logger.warn(`drift: ${name} features shifted from training (PSI ≥ ${alert ? '0.25' : '0.1'} above sampling noise)`, {
        modelVersionId: v.id, kind: v.kind, scope: v.scope, liveRows: live.length, window: `${days}d`,
        features: flagged.slice(0, 10).map((d) => `${d.feature}=${d.psi.toFixed(3)}`).join(', '),
      });
    }
  }

  const from = new Date(now.getTime() - CALIBRATION_WINDOW_DAYS * DAY);
  const groups = new Map<string, Settled>();
  const add = (kind: string, scope: string, versionId: number, p: number[], outcome: number) => {
    const g = groups.get(`${kind}|${scope}`) ?? { kind, scope, versions: new Set<number>(), probs: [], outcomes: [] };
    g.versions.add(versionId);
    g.probs.push(p);
    g.outcomes.push(outcome);
    groups.set(`${kind}|${scope}`, g);
  };
  for (const s of await settled1x2Forecasts(ctx.read, from, now)) add(s.kind, s.scope, s.modelVersionId, [s.home, s.draw, s.away], s.outcome);
  await settledProps(ctx, from, now, add);
  for (const g of groups.values()) {
    const r = calibrationRows(ctx, g, versions, day, summary);
    if (r) rows.push(...r);
  }

  for (const r of rows) {
    if (r.level === 'warn') summary.warnings++;
    if (r.level === 'alert') summary.alerts++;
  }
  summary.written = rows.length ? await ctx.db.transaction((tx) => upsertDriftReports(tx, rows)) : 0;
  return summary;
}

/** Settled forecasts of one kind and scope: probability vectors, observed classes, the versions that made them. */
interface Settled {
  kind: string;
  scope: string;
  versions: Set<number>;
  probs: number[][];
  outcomes: number[];
}

/**
 * Settled prop forecasts as binary (over, under) pairs: each projection's calibrated P(over) at the book's line before
 * kickoff, renormalised without the push (a push settles neither way), against the box score; pushes, projections
 * without a quoted line, without the stat or whose version cannot price are left out.
 */
async function settledProps(ctx: Ctx, from: Date, to: Date, add: (kind: string, scope: string, versionId: number, p: number[], outcome: number) => void) {
  const settled = await settledPropForecasts(ctx.read, from, to, PROP_KEY);
  if (settled.length === 0) return;
  const { models } = await pricingModels(ctx.read, settled.map((s) => s.modelVersionId));
  for (const s of settled) {
    const market = s.market as MarketName;
    const model = models.get(s.modelVersionId);
    const stat = STAT_OF_MARKET[market]?.(s as never);
    const line = MARKETS[market]?.kind === 'binary' ? 0.5 : s.line;
    if (!model || stat === null || stat === undefined || line === null || stat === line) continue;
    const price = priceLine(model, s.mean, line);
    const over = price.over / (price.over + price.under);
    add('nfl_props', s.scope, s.modelVersionId, [over, 1 - over], stat > line ? 0 : 1);
  }
}

/**
 * The Brier and ECE rows of one kind+scope's settled forecasts (see the file comment), logged when not ok; null (and a
 * skip reason) below MIN_SETTLED.
 */
function calibrationRows(ctx: Ctx, g: Settled, versions: readonly MonitoredVersion[], day: string, summary: DriftReportSummary): NewDriftReport[] | null {
  const name = `${g.kind} ${g.scope}`;
  if (g.probs.length < MIN_SETTLED) {
    summary.skipped.push(`${name}: ${g.probs.length} settled forecasts (< ${MIN_SETTLED})`);
    return null;
  }
  const active = versions.find((v) => v.kind === g.kind && v.scope === g.scope);
  // The figures belong to the slot; they are filed under its active version (or the newest that forecast, when none is active).
  const owner = active?.id ?? Math.max(...g.versions);
  const baselineBrier = active && Number.isFinite(active.metrics.brier) && g.kind !== 'nfl_props' ? active.metrics.brier! : null;
  const c = calibrationDrift(g.probs, g.outcomes, baselineBrier);
  summary.calibrationScopes++;
  const window = `${CALIBRATION_WINDOW_DAYS}d`;
  const details = { versions: [...g.versions].sort((a, b) => a - b), eceFloor: c.eceFloor, eceWarn: c.eceWarn, eceAlert: c.eceAlert };
  if (c.level !== 'ok') {
    ctx.logger.warn(`drift: ${name} calibration of settled forecasts is off (${c.level})`, {
      modelVersionId: owner, kind: g.kind, scope: g.scope, forecasts: c.n, brier: c.brier, baselineBrier, ece: c.ece, eceWarn: c.eceWarn, eceAlert: c.eceAlert,
    });
  }
  return [
    { modelVersionId: owner, metric: 'brier', subject: '', window, value: c.brier, baseline: baselineBrier, level: c.level, sampleSize: c.n, reportedOn: day, details },
    { modelVersionId: owner, metric: 'ece', subject: '', window, value: c.ece, baseline: c.eceFloor, level: c.level, sampleSize: c.n, reportedOn: day, details },
  ];
}
