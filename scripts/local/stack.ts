/**
 * Starts the local stand-ins the platform needs — real Postgres, the Neon protocol proxy, and (when Debian's
 * redis-server is installed) Redis behind the Upstash REST shim — and returns the settings a worker or CLI
 * needs to reach them. Used by `npm start`, the test setup, the CLI's embedded default and the benchmarks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startNeonProxy, type NeonProxy } from './neon-proxy.ts';
import { startPostgres, type LocalPostgres } from './postgres.ts';
import { startRedis, type LocalRedis } from './redis.ts';
import { startUpstashShim, type UpstashShim } from './upstash-shim.ts';

export interface StackPorts {
  postgres: number;
  neonProxy: number;
  redis: number;
  upstash: number;
}

export interface LocalStack {
  postgres: LocalPostgres;
  proxy: NeonProxy;
  redis: LocalRedis | null;
  upstash: UpstashShim | null;
  /** Environment for the API worker / CLI pointing at these stand-ins (database name filled in by caller). */
  env(database: string): Record<string, string>;
  stop(): Promise<void>;
}

export const DEV_PORTS: StackPorts = { postgres: 54320, neonProxy: 54321, redis: 63790, upstash: 63791 };

/** Four consecutive ports from `base`, for stacks beside the dev one (tests, e2e, benchmarks). */
export function portsFrom(base: number): StackPorts {
  return { postgres: base, neonProxy: base + 1, redis: base + 2, upstash: base + 3 };
}
export const LOCAL_REDIS_TOKEN = 'fairline-local-redis-token';

export async function startLocalStack(opts: {
  dir: string;
  ports: StackPorts;
  withRedis?: boolean;
  quiet?: boolean;
}): Promise<LocalStack> {
  mkdirSync(opts.dir, { recursive: true });
  const postgres = await startPostgres({ dir: join(opts.dir, 'pg'), port: opts.ports.postgres, quiet: opts.quiet });
  const proxy = await startNeonProxy({ port: opts.ports.neonProxy });
  let redis: LocalRedis | null = null;
  let upstash: UpstashShim | null = null;
  if (opts.withRedis !== false) {
    redis = await startRedis({ port: opts.ports.redis, dir: join(opts.dir, 'redis') });
    if (redis) {
      upstash = await startUpstashShim({ port: opts.ports.upstash, redisPort: redis.port, token: LOCAL_REDIS_TOKEN });
    }
  }
  return {
    postgres,
    proxy,
    redis,
    upstash,
    env(database) {
      const e: Record<string, string> = {
        DATABASE_URL: postgres.url(database),
        NEON_LOCAL_PROXY: `127.0.0.1:${proxy.port}`,
      };
      if (upstash) {
        e.UPSTASH_REDIS_REST_URL = `http://127.0.0.1:${upstash.port}`;
        e.UPSTASH_REDIS_REST_TOKEN = upstash.token;
      }
      return e;
    },
    async stop() {
      await upstash?.close();
      await redis?.stop();
      await proxy.close();
      await postgres.stop();
    },
  };
}
