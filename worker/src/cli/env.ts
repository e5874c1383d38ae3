/**
 * The Node CLI's environment: the one module of the CLI that reads `process.env`, validated with zod. Read when a
 * command needs it (not at import), so a test may point DATABASE_URL at its own database first.
 *  - DATABASE_URL (+ NEON_LOCAL_PROXY for a local Neon proxy): the database commands write to; unset, they use
 *    the local embedded default (cli/database.ts).
 *  - ODDS_API_KEY: appended to odds-API URLs given to `fairline ingest odds-api --url`.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v : undefined));

/** The variables the CLI reads; empty strings count as unset. */
export const cliEnvSchema = z.object({
  DATABASE_URL: optionalString.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// connection string').optional(),
  ),
  NEON_LOCAL_PROXY: optionalString,
  ODDS_API_KEY: optionalString,
});

/** The validated CLI environment. */
export type CliEnv = z.infer<typeof cliEnvSchema>;

/** Reads and validates the environment; throws naming every invalid variable. */
export function cliEnv(env: Record<string, string | undefined> = process.env): CliEnv {
  const result = cliEnvSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
