/**
 * The Hono app: routes only. Each route is a thin adapter over a verb; errors are mapped here once.
 */
import { rootCauseMessage } from '@fairline/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Hono, type MiddlewareHandler } from 'hono';
import { ConfigError, loadConfig } from './env.ts';
import { requireMetricsToken } from './http/metrics-auth.ts';
import { answerReplay } from './http/answer-replay.ts';
import { upgradeToRoom } from './http/room-upgrade.ts';
import { apiSecurityHeaders } from './http/security-headers.ts';
import { AppError, OUTAGE_RETRY_AFTER_SECONDS, retryAfterOf, toAppError, toHttpStatus } from './lib/errors.ts';
import { metrics, renderDriftGauges } from './lib/metrics.ts';
import { enforceRateLimit } from './lib/rate-limit/enforce.ts';
import { bearerToken, sameSecret } from './lib/secrets.ts';
import { restApi } from './rest.ts';
import { roomEventSchema, roomNameSchema } from './rooms/protocol.ts';
import { publishToRoom } from './rooms/publish.ts';
import { buildCtx } from './runtime.ts';
import { checkHealth } from './services/health/check-health.ts';
import { driftGauges } from './services/monitoring/drift-gauges.ts';
import { createTrpcContext } from './trpc/context.ts';
import { appRouter } from './trpc/router.ts';

type AppEnv = { Bindings: Env };

export function createApp() {
  const app = new Hono<AppEnv>();

  const observe: MiddlewareHandler<AppEnv> = async (c, next) => {
    const t0 = performance.now();
    await next();
    // Label by route pattern (never the raw path, which would explode cardinality).
    const matched = c.req.matchedRoutes.filter((r) => r.handler !== observe && r.handler !== apiSecurityHeaders);
    const route = matched.length ? matched[matched.length - 1]!.path : 'unmatched';
    metrics.observe(c.req.method, route, c.res.status, (performance.now() - t0) / 1000);
  };
  app.use('*', observe);
  app.use('*', apiSecurityHeaders);

  app.onError((err, c) => {
    // A route's AppError, or a database outage (UNAVAILABLE: 503 + Retry-After, never a 500).
    const known = toAppError(err);
    if (known) {
      const retryAfter = retryAfterOf(known);
      if (retryAfter !== undefined) c.header('retry-after', String(retryAfter));
      if (known !== err) console.warn(JSON.stringify({ level: 'warn', msg: 'database unavailable', error: rootCauseMessage(err) }));
      return c.json({ error: known.code, message: known.message }, toHttpStatus(known.code) as 400);
    }
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(JSON.stringify({ level: 'error', msg: 'unhandled', error: String(err) }));
    return c.json({ error: 'INTERNAL', message: 'internal error' }, 500);
  });

  app.get('/', (c) => c.json({ name: 'fairline-api', routes: ['/health', '/metrics', '/trpc/*', '/api/v1/*', '/api/openapi.json', '/api/docs', '/rooms/:room'] }));

  app.get('/health', async (c) => {
    const { ctx, dispose } = buildCtx(loadConfig(c.env));
    try {
      const report = await checkHealth({ ctx });
      // Down (Postgres unreachable within its timeout): 503 with the tiers that are down, and when to look again.
      if (report.status === 'down') c.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      return c.json(report, report.status === 'down' ? 503 : 200);
    } finally {
      c.executionCtx.waitUntil(dispose());
    }
  });

  app.get('/metrics', requireMetricsToken, async (c) => {
    // This isolate's counters and histograms, then the model-quality gauges every isolate reads from the database.
    const { ctx, dispose } = buildCtx(loadConfig(c.env));
    try {
      const drift = await driftGauges({ ctx }).catch((err: unknown) => {
        ctx.logger.warn('metrics: drift reports unreadable', { error: String(err) });
        return null;
      });
      return c.text(metrics.render() + renderDriftGauges(drift), 200, { 'content-type': 'text/plain; version=0.0.4' });
    } finally {
      c.executionCtx.waitUntil(dispose());
    }
  });

  app.all('/trpc/*', async (c) => {
    const config = loadConfig(c.env);
    const { ctx, dispose } = buildCtx(config);
    try {
      // A fresh cached public answer to a credential-less GET is replayed as bytes (http/answer-replay.ts).
      const replay = answerReplay(c.req.raw, ctx, config);
      const replayed = await replay?.replay();
      if (replayed) return replayed;
      const res = await fetchRequestHandler({
        endpoint: '/trpc',
        req: c.req.raw,
        router: appRouter,
        createContext: ({ info, resHeaders }) => {
          replay?.observe(info.calls, resHeaders);
          return createTrpcContext({ ctx, config, req: c.req.raw, resHeaders }, (principal) => {
            replay?.principal(principal);
            return enforceRateLimit({ headers: c.req.raw.headers, principal, calls: info.calls, resHeaders, cache: ctx.cache, logger: ctx.logger, clock: ctx.clock, config });
          });
        },
      });
      return replay ? await replay.remember(res) : res;
    } finally {
      c.executionCtx.waitUntil(dispose());
    }
  });

  app.route('/api', restApi());

  app.get('/rooms/:room', upgradeToRoom);

  app.post('/rooms/:room/publish', async (c) => {
    const config = loadConfig(c.env);
    if (!(await sameSecret(bearerToken(c.req.raw), config.ADMIN_TOKEN))) throw new AppError('UNAUTHORIZED', 'admin token required');
    const room = roomNameSchema.safeParse(c.req.param('room'));
    if (!room.success) throw new AppError('NOT_FOUND', 'unknown room');
    const event = roomEventSchema.safeParse(await c.req.json().catch(() => null));
    if (!event.success) throw new AppError('BAD_REQUEST', `invalid event: ${event.error.issues.map((i) => i.message).join('; ')}`);
    return c.json(await publishToRoom(c.env, room.data, event.data));
  });

  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: 'no such route' }, 404));
  return app;
}
