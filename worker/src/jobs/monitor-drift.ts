/**
 * The daily monitoring tick, right after the retraining of `30 6 * * *` (results and settlement ran at 06:00): today's
 * drift report of every active model version (services/monitoring/drift-report.ts — PSI per feature over the last 7
 * (or 28) days of live rows, Brier and ECE of the last 28 days' settled forecasts, soccer 1X2 and props) written to
 * `drift_reports`, warnings logged there. Drift is a finding, not a failure: the tick fails only when the report
 * cannot be computed or written.
 */
import { writeDriftReport } from '../services/monitoring/drift-report.ts';
import { ran, type Job } from './job.ts';

/** Writes today's drift report and summarises it for the tick's log line. */
export const monitorDriftJob: Job = {
  name: 'monitor-drift',
  async run({ ctx }) {
    const s = await writeDriftReport({ ctx });
    return ran({
      day: s.day, written: s.written, psiVersions: s.psiVersions, calibrationScopes: s.calibrationScopes, warnings: s.warnings, alerts: s.alerts,
      skipped: s.skipped.length ? s.skipped.join('; ').slice(0, 500) : null,
    });
  },
};
