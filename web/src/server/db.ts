// Server-only: read queries over neon-http (one round trip per query; no sockets to manage per request).
import { createHttpDb } from '@fairline/db';
import { webEnv } from './env.ts';

export function readDb() {
  const env = webEnv();
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not configured for the web app');
  return createHttpDb({ url: env.DATABASE_URL, localProxy: env.NEON_LOCAL_PROXY });
}
