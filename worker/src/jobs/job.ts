/**
 * The shape of a cron job. A job is a named verb over the one `Ctx`, the part of the validated config it reads
 * and a room publisher — all built at the edge (scheduled.ts), so nothing here sees the raw bindings — and it
 * says what happened as a typed outcome, which the edge logs (and for `failed`, fails the tick on).
 */
import type { Ctx } from '../context.ts';
import type { FixtureChangeSink } from '../pipeline/sink.ts';
import type { RoomPublisher } from '../rooms/publisher.ts';

/** Figures a job reports for the log line of its tick (flat: they become log fields). */
export type JobSummary = Record<string, number | string | boolean | null>;

/**
 * What a tick of a job did: it ran (and its figures), it was skipped on purpose (and why: no key, the previous
 * tick still running), or it failed (the error, and the figures of what it did before failing).
 */
export type JobOutcome =
  | { status: 'ran'; summary: JobSummary }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string; summary?: JobSummary };

/** The validated config a job may read (env.ts `AppConfig` has these fields; declared here so jobs stay free of binding types). */
export interface JobConfig {
  /** The Odds API key; the polling job is skipped without it. */
  ODDS_API_KEY?: string | undefined;
}

/** What every job gets. */
export interface JobArgs {
  ctx: Ctx;
  config: JobConfig;
  rooms: RoomPublisher;
  /**
   * Where a job that commits fixture changes enqueues them for the event pipeline (the FIXTURE_CHANGES queue). Absent
   * where no queue is bound (and in tests of a job alone): the job then pushes through the shared watermark itself.
   */
  changes?: FixtureChangeSink | undefined;
}

/** A cron job: a named verb over the context; the registry maps cron expressions to jobs. */
export interface Job {
  name: string;
  run(args: JobArgs): Promise<JobOutcome>;
}

/** `ran` with these figures. */
export const ran = (summary: JobSummary): JobOutcome => ({ status: 'ran', summary });
