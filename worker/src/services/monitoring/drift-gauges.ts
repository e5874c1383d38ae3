/**
 * The model-quality figures `/metrics` exposes: the newest daily drift report of every active version. They come
 * from the database, not from isolate memory, so every isolate a scrape lands on answers the same figures (the
 * per-isolate latency histograms cannot be summed across isolates by a scraper; drift must not depend on which
 * isolate answered).
 */
import { latestDriftReports, type DriftReportRow } from '@fairline/db';
import type { Ctx } from '../../context.ts';

export type { DriftReportRow };

/** The newest drift report rows of the active versions (PSI per feature, Brier and ECE per kind+scope). */
export async function driftGauges({ ctx }: { ctx: Pick<Ctx, 'read'> }): Promise<DriftReportRow[]> {
  return latestDriftReports(ctx.read);
}
