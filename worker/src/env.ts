/**
 * The API worker's environment, validated once at the entry: the one module that reads binding values.
 * The bindings' TYPE is `Env`, generated from wrangler.toml by `npm run types` (worker/worker-configuration.d.ts):
 * vars (ENVIRONMENT), the secrets wrangler.toml lists (DATABASE_URL, UPSTASH_REDIS_REST_TOKEN, ADMIN_TOKEN,
 * ODDS_API_KEY) and the LIVE_ROOM Durable Object namespace. Read here as well, though wrangler.toml leaves them out:
 * UPSTASH_REDIS_REST_URL (a var set per deployment), RATE_LIMIT_PER_MINUTE, ROOM_MAX_CONNECTIONS and
 * ROOM_MAX_PER_CLIENT (optional), NEON_LOCAL_PROXY (the local stand-in only) and METRICS_TOKEN (an optional secret:
 * without it a production `/metrics` is closed).
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v : undefined));

/** What the worker reads from its bindings; empty strings count as unset. */
export const envSchema = z.object({
  ENVIRONMENT: z.enum(['development', 'test', 'production']).default('production'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// connection string'),
  NEON_LOCAL_PROXY: optionalString,
  UPSTASH_REDIS_REST_URL: optionalString.pipe(z.string().url().optional()),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  /** Bearer token for admin procedures and the server-side publish path; admin is disabled when unset. */
  ADMIN_TOKEN: optionalString,
  ODDS_API_KEY: optionalString,
  /**
   * Bearer token a Prometheus scraper presents on `/metrics`. Production always requires it (unset: `/metrics` answers
   * 401 to everyone); development and test require it only when set, so a local scrape needs no ceremony.
   */
  METRICS_TOKEN: optionalString,
  /**
   * Replaces the anonymous per-minute rate of lib/rate-limit/plans.ts (units per client address), for load tests and
   * local benches; unset in production. No limits at all without a cache tier.
   */
  RATE_LIMIT_PER_MINUTE: optionalString.transform((v) => (v === undefined ? undefined : Number(v))).pipe(z.number().int().positive().optional()),
  /**
   * The most WebSockets one live room accepts (default 10,000); the next upgrade is refused with 429. A hibernated
   * socket costs nothing, but each one is a send on every publish: this bounds one room's fan-out.
   */
  ROOM_MAX_CONNECTIONS: optionalString.transform((v) => (v === undefined ? 10_000 : Number(v))).pipe(z.number().int().positive()),
  /**
   * The most WebSockets one client (its address, IPv6 by /64; else its user) may hold in one room (default 20: a few
   * tabs): one host cannot fill a room. Benchmarks that open many sockets from one address raise it.
   */
  ROOM_MAX_PER_CLIENT: optionalString.transform((v) => (v === undefined ? 20 : Number(v))).pipe(z.number().int().positive()),
});

/** The validated environment every edge builds its context from. */
export type AppConfig = z.infer<typeof envSchema>;

/** The environment failed validation: the worker logs this message and answers a generic 500 rather than run misconfigured. */
export class ConfigError extends Error {}

const parsed = new WeakMap<object, AppConfig>();

/**
 * The deployment kind alone, for edges that must answer even when the rest of the environment is invalid (the
 * security headers of a 500): an unset or unknown ENVIRONMENT counts as production, the strict choice.
 */
export function deploymentOf(env: Env): AppConfig['ENVIRONMENT'] {
  const kind = envSchema.shape.ENVIRONMENT.safeParse((env as { ENVIRONMENT?: unknown }).ENVIRONMENT);
  return kind.success ? kind.data : 'production';
}

/** Parse once per bindings object (Workers reuse it across requests in an isolate). */
export function loadConfig(env: Env): AppConfig {
  const hit = parsed.get(env);
  if (hit) return hit;
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid worker environment: ${issues}`);
  }
  if (result.data.UPSTASH_REDIS_REST_URL && !result.data.UPSTASH_REDIS_REST_TOKEN) {
    throw new ConfigError('invalid worker environment: UPSTASH_REDIS_REST_URL is set but UPSTASH_REDIS_REST_TOKEN is not');
  }
  parsed.set(env, result.data);
  return result.data;
}

/**
 * The FIXTURE_CHANGES queue producer (wrangler.toml [[queues.producers]]), the one place its binding is read: the
 * edges wrap it in a FixtureChangeSink (pipeline/sink.ts) so jobs never hold it. Undefined where no queue is bound
 * (a deployment without queues), and the jobs then push through the shared watermark themselves.
 */
export function fixtureChangesQueue(env: Env): Queue | undefined {
  return (env as { FIXTURE_CHANGES?: Queue }).FIXTURE_CHANGES;
}
