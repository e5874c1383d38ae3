/**
 * The API worker's environment, validated once at the entry. Secrets: DATABASE_URL, UPSTASH_REDIS_REST_TOKEN,
 * ADMIN_TOKEN. Vars: ENVIRONMENT, UPSTASH_REDIS_REST_URL, NEON_LOCAL_PROXY (local stand-in only).
 * Nothing else in the worker reads bindings directly.
 */
import { z } from 'zod';
import type { LiveRoom } from './rooms/live-room.ts';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v : undefined));

export const envSchema = z.object({
  ENVIRONMENT: z.enum(['development', 'test', 'production']).default('production'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// connection string'),
  NEON_LOCAL_PROXY: optionalString,
  UPSTASH_REDIS_REST_URL: optionalString.pipe(z.string().url().optional()),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  /** Bearer token for admin procedures and the server-side publish path; admin is disabled when unset. */
  ADMIN_TOKEN: optionalString,
  ODDS_API_KEY: optionalString,
  /** Requests per minute per client on /trpc (sliding window in Redis); no limit without a cache tier. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
});

export type AppConfig = z.infer<typeof envSchema>;

/** The raw bindings as Workers passes them. */
export interface Bindings {
  ENVIRONMENT?: string;
  DATABASE_URL?: string;
  NEON_LOCAL_PROXY?: string;
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  ADMIN_TOKEN?: string;
  ODDS_API_KEY?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  LIVE_ROOM: DurableObjectNamespace<LiveRoom>;
}

export class ConfigError extends Error {}

const parsed = new WeakMap<object, AppConfig>();

/** Parse once per bindings object (Workers reuse it across requests in an isolate). */
export function loadConfig(env: Bindings): AppConfig {
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
