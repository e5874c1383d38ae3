/**
 * `/metrics` behind a bearer token. Request counts and latencies by route tell an attacker what is deployed and how it
 * is used, so a production worker shows them only to the scraper holding METRICS_TOKEN — and to nobody when the
 * token is unset (closed, never open by omission). In development and test the route stays open unless a token is
 * set, so a local scrape (or a curl while debugging) needs no ceremony; setting one exercises the same guard.
 */
import type { MiddlewareHandler } from 'hono';
import { loadConfig } from '../env.ts';
import { bearerToken, sameSecret } from '../lib/secrets.ts';

/** Guards the route it is mounted on (`app.get('/metrics', requireMetricsToken, …)`): 401 without the right bearer. */
export const requireMetricsToken: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const config = loadConfig(c.env);
  const local = config.ENVIRONMENT !== 'production';
  if (local && !config.METRICS_TOKEN) return next();
  // sameSecret compares SHA-256 digests in constant time and never matches an unset token.
  if (await sameSecret(bearerToken(c.req.raw), config.METRICS_TOKEN)) return next();
  return c.json({ error: 'UNAUTHORIZED', message: 'metrics token required' }, 401, { 'www-authenticate': 'Bearer realm="metrics"' });
};
