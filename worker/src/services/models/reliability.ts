/**
 * Reliability bins a version stored from its own walk-forward backtest (a soccer GBDT artifact's
 * `metrics.reliability`: per outcome, ml's `reliabilityBins`, e.g. ensemble/backtest.ts's `calibration1x2`), read for
 * the models page. The stored JSON is
 * checked with zod: a version that stored something else simply has no backtest diagram (the page falls back to
 * settled predictions), never a broken page.
 */
import { storedReliability, type Db } from '@fairline/db';
import { z } from 'zod';

/** One bin of a reliability diagram: predicted probabilities in [lower, upper), their mean, and how often it happened. */
export interface ReliabilityBinOut {
  lower: number;
  upper: number;
  count: number;
  predicted: number;
  observed: number;
}

/** The bins of one outcome (home, draw, away; or a class name). */
export interface ReliabilitySeries {
  label: string;
  bins: ReliabilityBinOut[];
}

/** Outcome classes of the soccer models, by index (ml's order: home, draw, away). */
const CLASS_LABEL = ['home', 'draw', 'away'];

const storedBin = z.object({
  lower: z.number(),
  upper: z.number(),
  count: z.number().nonnegative(),
  // Empty bins are stored with NaN means, which JSON writes as null.
  meanPredicted: z.number().nullable(),
  observedFrequency: z.number().nullable(),
});
// Either shape ml writes: `{ class, bins }` (a class index or name) or ensemble/backtest.ts's calibration1x2
// `{ outcome, ece, floor, bins }`.
const storedSeries = z.array(
  z.union([
    z.object({ class: z.union([z.number().int(), z.string()]), bins: z.array(storedBin) }),
    z.object({ outcome: z.string(), bins: z.array(storedBin) }).transform((s) => ({ class: s.outcome, bins: s.bins })),
  ]),
);

/** A stored value in the ensemble's shape as outcome series (empty bins dropped), or null when it is not that shape. */
export function parseStoredReliability(value: unknown): ReliabilitySeries[] | null {
  const r = storedSeries.safeParse(value);
  if (!r.success) return null;
  const series = r.data.map((s) => ({
    label: typeof s.class === 'number' ? (CLASS_LABEL[s.class] ?? `class ${s.class}`) : s.class,
    bins: s.bins
      .filter((b) => b.count > 0 && b.meanPredicted !== null && b.observedFrequency !== null)
      .map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, predicted: b.meanPredicted!, observed: b.observedFrequency! })),
  }));
  return series.some((s) => s.bins.length > 0) ? series : null;
}

/** The stored backtest reliability of each version of `ids` that has one, by version id. */
export async function backtestReliability(db: Db, ids: readonly number[]): Promise<Map<number, ReliabilitySeries[]>> {
  const out = new Map<number, ReliabilitySeries[]>();
  for (const row of await storedReliability(db, ids)) {
    const series = parseStoredReliability(row.reliability);
    if (series) out.set(row.id, series);
  }
  return out;
}
