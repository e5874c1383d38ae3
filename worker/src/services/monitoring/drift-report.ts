/**
 * The daily drift report of every active model version, written to `drift_reports` (idempotent per day):
 *  - feature drift: PSI of each feature between the version's training profile (`artifact.featureProfile`, filed
 *    with it) and the feature rows it scored in the last 7 days (`model_inputs`); levels by the PSI conventions
 *    0.1 / 0.25 (ml metrics/psi.ts). Versions without a profile (Dixon–Coles, the seed's simulated models) or with
 *    fewer than MIN_LIVE_ROWS live rows are skipped: PSI's sampling bias is about (bins − 1)/n, 0.05 at 200 rows,
 *    so a smaller week would warn on noise.
 *  - calibration drift: mean Brier and pooled ECE of the soccer 1X2 forecasts settled in the last 28 days per kind
 *    and scope (the last forecast before kickoff, whichever version made it), against the ECE a calibrated forecaster
 *    shows at this sample (warn above its 95th percentile, alert above its 99th) and the active version's training-time
 *    Brier (ml metrics/calibration-drift.ts); written under the kind+scope's active version. At least MIN_SETTLED
 *    matches, else skipped.
 * Every figure at `warn` or `alert` is logged as a warning (one line per version and metric).
 */
import { activeVersionsForMonitoring, liveModelInputs, settled1x2Forecasts, upsertDriftReports, type NewDriftReport } from '@fairline/db';
import { calibrationDrift, psiByFeature, psiLevel, type FeatureProfile } from '@fairline/ml/metrics/index';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';

/** Days of live rows compared with the training profile. */
export const PSI_WINDOW_DAYS = 7;
/** Days of settled forecasts in the rolling calibration figures (about 4 rounds of a league: 40 EPL matches). */
export const CALIBRATION_WINDOW_DAYS = 28;
/** Live rows a version needs for a PSI figure (see the file comment). */
export const MIN_LIVE_ROWS = 200;
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
    const live = await liveModelInputs(ctx.read, v.id, new Date(now.getTime() - PSI_WINDOW_DAYS * DAY));
    if (live.length < MIN_LIVE_ROWS) {
      summary.skipped.push(`${name}: ${live.length} live rows (< ${MIN_LIVE_ROWS})`);
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
      rows.push({ modelVersionId: v.id, metric: 'psi', subject: d.feature, window: `${PSI_WINDOW_DAYS}d`, value: d.psi, baseline: 0, level: psiLevel(d.psi), sampleSize: live.length, reportedOn: day, details: null });
    }
    const flagged = drift.filter((d) => psiLevel(d.psi) !== 'ok').sort((a, b) => b.psi - a.psi);
    if (flagged.length) {
      const alert = flagged.some((d) => psiLevel(d.psi) === 'alert');
      ctx.logger.warn(`drift: ${name} features shifted from training (PSI ≥ ${alert ? '0.25' : '0.1'})`, {
        modelVersionId: v.id, kind: v.kind, scope: v.scope, liveRows: live.length,
        features: flagged.slice(0, 10).map((d) => `${d.feature}=${d.psi.toFixed(3)}`).join(', '),
      });
    }
  }

  const settled = await settled1x2Forecasts(ctx.read, new Date(now.getTime() - CALIBRATION_WINDOW_DAYS * DAY), now);
  const groups = new Map<string, typeof settled>();
  for (const s of settled) groups.set(`${s.kind}|${s.scope}`, [...(groups.get(`${s.kind}|${s.scope}`) ?? []), s]);
  for (const [key, g] of groups) {
    const [kind, scope] = key.split('|') as [string, string];
    const active = versions.find((v) => v.kind === kind && v.scope === scope);
    const name = `${kind} ${scope}`;
    if (g.length < MIN_SETTLED) {
      summary.skipped.push(`${name}: ${g.length} settled matches (< ${MIN_SETTLED})`);
      continue;
    }
    // The figures belong to the slot; they are filed under its active version (or the newest that forecast, when none is active).
    const owner = active?.id ?? Math.max(...g.map((s) => s.modelVersionId));
    const baselineBrier = active && Number.isFinite(active.metrics.brier) ? active.metrics.brier! : null;
    const c = calibrationDrift(g.map((s) => [s.home, s.draw, s.away]), g.map((s) => s.outcome), baselineBrier);
    summary.calibrationScopes++;
    const window = `${CALIBRATION_WINDOW_DAYS}d`;
    const details = { versions: [...new Set(g.map((s) => s.modelVersionId))].sort((a, b) => a - b), eceFloor: c.eceFloor, eceWarn: c.eceWarn, eceAlert: c.eceAlert };
    rows.push({ modelVersionId: owner, metric: 'brier', subject: '', window, value: c.brier, baseline: baselineBrier, level: c.level, sampleSize: c.n, reportedOn: day, details });
    rows.push({ modelVersionId: owner, metric: 'ece', subject: '', window, value: c.ece, baseline: c.eceFloor, level: c.level, sampleSize: c.n, reportedOn: day, details });
    if (c.level !== 'ok') {
      ctx.logger.warn(`drift: ${name} calibration of settled 1X2 forecasts is off (${c.level})`, {
        modelVersionId: owner, kind, scope, matches: c.n, brier: c.brier, baselineBrier, ece: c.ece, eceWarn: c.eceWarn, eceAlert: c.eceAlert,
      });
    }
  }

  for (const r of rows) {
    if (r.level === 'warn') summary.warnings++;
    if (r.level === 'alert') summary.alerts++;
  }
  summary.written = rows.length ? await ctx.db.transaction((tx) => upsertDriftReports(tx, rows)) : 0;
  return summary;
}
