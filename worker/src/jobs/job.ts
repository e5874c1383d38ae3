import type { Ctx } from '../context.ts';

export interface JobResult {
  [k: string]: number | string | boolean | null;
}

/** A cron job: a named verb over the context; the registry maps cron expressions to jobs. */
export interface Job {
  name: string;
  run(args: { ctx: Ctx; env: Env }): Promise<JobResult>;
}
