/**
 * The partner REST surface, mounted at /api by one line in app.ts:
 *
 * - `GET /api/openapi.json` — the OpenAPI 3.1 document (rest/document.ts, trpc-to-openapi over the procedures);
 * - `GET /api/docs` — the interactive reference (Scalar), under the docs page's own CSP nonce;
 * - `/api/v1/…` — every procedure with a `meta.openapi` route (rest/routes.ts), called through the same tRPC
 *   procedures, context and middlewares as /trpc: the caller resolved by createTrpcContext, the rate limiter
 *   (one call of the route's weight), the scope check. REST is the partner surface: it takes an API key (or the
 *   machine token), never a browser cookie; anonymous callers get 401 after being charged by address.
 *
 * Answers are plain JSON (dates as ISO strings); errors `{ error, message, issues? }` with the tRPC code's status.
 */
import { Scalar } from '@scalar/hono-api-reference';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { Hono } from 'hono';
import { loadConfig } from './env.ts';
import { cspNonce } from './http/security-headers.ts';
import { retryAfterOf, toAppError } from './lib/errors.ts';
import { enforceRateLimit } from './lib/rate-limit/enforce.ts';
import { openApiDocument } from './rest/document.ts';
import { inputFromUrl, matchRoute, restRoutes, type RestRoute } from './rest/routes.ts';
import { buildCtx } from './runtime.ts';
import type { Principal } from './services/auth/principal.ts';
import { createTrpcContext } from './trpc/context.ts';
import { createCallerFactory, TRPC_CODE, type TrpcContext } from './trpc/init.ts';
import { appRouter } from './trpc/router.ts';

/** Where the REST routes live below the mount point, and the document's (relative) server URL. */
const V1 = '/api/v1';

let routes: RestRoute[] | undefined;
const createCaller = createCallerFactory(appRouter);

/** The /api sub-app: OpenAPI document, API reference, and the /v1 routes. */
export function restApi(): Hono<{ Bindings: Env }> {
  const api = new Hono<{ Bindings: Env }>();
  // A relative server URL: the document is right wherever the API is reached (its own host, the web proxy).
  api.get('/openapi.json', (c) => c.json(openApiDocument(V1)));
  api.get('/docs', Scalar((c) => ({ url: '/api/openapi.json', pageTitle: 'Fairline API reference', nonce: cspNonce(c) })));
  api.on(['GET', 'POST'], '/v1/*', async (c) => {
    const pathname = new URL(c.req.url).pathname.slice(V1.length) || '/';
    const match = matchRoute((routes ??= restRoutes()), c.req.method, pathname);
    if (match === null) return failure(new TRPCError({ code: 'NOT_FOUND', message: `no REST route ${c.req.method} ${V1}${pathname} (see /api/openapi.json)` }), null, new Headers());
    if (match === 'wrongMethod') return failure(new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `${V1}${pathname} does not take ${c.req.method}` }), null, new Headers());
    const { route, params } = match;
    const config = loadConfig(c.env);
    const { ctx, dispose } = buildCtx(config);
    const resHeaders = new Headers();
    try {
      const input = route.method === 'GET' ? inputFromUrl(route, params, new URL(c.req.url).searchParams) : { ...(await jsonBody(c.req.raw)), ...params };
      const context = await createTrpcContext({ ctx, config, req: c.req.raw, resHeaders }, async (principal) => {
        await enforceRateLimit({ headers: c.req.raw.headers, principal, calls: [{ procedure: route.procedure }], resHeaders, cache: ctx.cache, logger: ctx.logger, clock: ctx.clock, config });
        requirePartnerCredential(principal, resHeaders);
      });
      const data = await callProcedure(context, route.path, input);
      resHeaders.set('content-type', 'application/json; charset=utf-8');
      return new Response(JSON.stringify(data), { status: 200, headers: resHeaders });
    } catch (err) {
      return failure(err, route, resHeaders, ctx.logger);
    } finally {
      c.executionCtx.waitUntil(dispose());
    }
  });
  return api;
}

/** REST answers API keys and the machine token; a cookie or an absent credential is UNAUTHORIZED. */
function requirePartnerCredential(principal: Principal, resHeaders: Headers): void {
  if (principal.kind === 'apiKey' || principal.kind === 'machine') return;
  resHeaders.set('www-authenticate', 'Bearer realm="fairline"');
  throw new TRPCError({ code: 'UNAUTHORIZED', message: 'an API key is required: Authorization: Bearer fl_<prefix>_<secret>' });
}

/** Calls the procedure at `path` (e.g. `nfl.props.valueBets`) as tRPC would, middlewares included. */
async function callProcedure(context: TrpcContext, path: string, input: unknown): Promise<unknown> {
  let fn: unknown = createCaller(context);
  for (const segment of path.split('.')) fn = (fn as Record<string, unknown>)[segment];
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text) return {};
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new TRPCError({ code: 'PARSE_ERROR', message: 'the body must be a JSON object' });
}

/** An error as JSON through the tRPC error formatter (same messages as /trpc; internals never leak), with its status. */
function failure(err: unknown, route: RestRoute | null, resHeaders: Headers, logger?: { error(msg: string, f?: Record<string, unknown>): void }): Response {
  // What escaped the procedures' own mapping (the body, the context): an AppError or a database outage keeps its
  // status (503 + Retry-After for an outage); anything else is a logged, generic 500.
  const known = err instanceof TRPCError ? null : toAppError(err);
  const retryAfter = known ? retryAfterOf(known) : undefined;
  if (retryAfter !== undefined) resHeaders.set('retry-after', String(retryAfter));
  const error =
    err instanceof TRPCError ? err
    : known ? new TRPCError({ code: TRPC_CODE[known.code], message: known.message, cause: known })
    : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error', cause: err });
  if (!(err instanceof TRPCError) && !known) logger?.error('rest internal error', { path: route?.path ?? null, error: String(err) });
  const shape = getErrorShape({ config: appRouter._def._config, error, type: 'query', path: route?.path, input: undefined, ctx: undefined });
  const data = shape.data as { code: string; issues?: unknown };
  resHeaders.set('content-type', 'application/json; charset=utf-8');
  const body = { error: data.code, message: shape.message, ...(data.issues ? { issues: data.issues } : {}) };
  return new Response(JSON.stringify(body), { status: getHTTPStatusCodeFromError(error), headers: resHeaders });
}
