/**
 * The REST route table, read from the procedures themselves: every procedure whose meta has an `openapi` route
 * (trpc-to-openapi's `{ method, path }`) is served at `/api/v1<path>`, with its `{params}` from the path and the rest
 * of its input from the query string (GET) or a JSON body (POST). Query strings carry text, so each value is
 * converted to what the procedure's input schema expects (numbers, booleans, repeated keys for arrays) — without
 * touching the schema, which tRPC shares.
 */
import type { AnyProcedure } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { appRouter } from '../trpc/router.ts';

/** One REST route: its method, its path template (`/fixtures/{id}`), and the procedure behind it. */
export interface RestRoute {
  method: 'GET' | 'POST';
  template: string;
  /** The tRPC path, e.g. `fixtures.byId`. */
  path: string;
  procedure: AnyProcedure;
  pattern: RegExp;
  params: string[];
}

/** Every procedure with an `openapi` route in its meta, as REST routes. */
export function restRoutes(): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const [path, procedure] of Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)) {
    const openapi = (procedure._def.meta as OpenApiMeta | undefined)?.openapi;
    if (!openapi || openapi.enabled === false) continue;
    if (openapi.method !== 'GET' && openapi.method !== 'POST') throw new Error(`${path}: REST routes are GET (reads) or POST`);
    const params = [...openapi.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const pattern = new RegExp(`^${openapi.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '([^/]+)')}/?$`);
    routes.push({ method: openapi.method, template: openapi.path, path, procedure, pattern, params });
  }
  return routes;
}

/** The route of `method` + `pathname` (below /api/v1), the path's parameters, or `wrongMethod` when only the method differs. */
export function matchRoute(routes: readonly RestRoute[], method: string, pathname: string): { route: RestRoute; params: Record<string, string> } | 'wrongMethod' | null {
  let wrongMethod = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.method !== method) {
      wrongMethod = true;
      continue;
    }
    return { route, params: Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(m[i + 1]!)])) };
  }
  return wrongMethod ? 'wrongMethod' : null;
}

// Just enough of zod 4's internals to walk an input schema (def.type and the wrapped schema of each wrapper).
interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; in?: ZodLike; shape?: Record<string, ZodLike>; element?: ZodLike } };
}

/** The schema under optional/nullable/default/pipe wrappers (a pipe's input side: what the caller sends). */
function unwrap(s: ZodLike | undefined): ZodLike | undefined {
  let cur = s;
  for (let i = 0; cur && i < 16; i++) {
    const d = cur._zod.def;
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'prefault' || d.type === 'readonly') cur = d.innerType;
    else if (d.type === 'pipe') cur = d.in;
    else return cur;
  }
  return cur;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** One query-string value as the field's type expects it; left as text when it does not parse (validation then says why). */
function convert(value: string, field: ZodLike | undefined): unknown {
  const type = unwrap(field)?._zod.def.type;
  if ((type === 'number' || type === 'int') && NUMBER.test(value.trim())) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * A procedure's input from the URL: the path parameters and the query string, converted field by field by the
 * procedure's input schema (an array field takes every value of a repeated key, `?markets=a&markets=b`).
 */
export function inputFromUrl(route: RestRoute, params: Record<string, string>, query: URLSearchParams): Record<string, unknown> {
  const shape = unwrap(route.procedure._def.inputs[0] as ZodLike | undefined)?._zod.def.shape ?? {};
  const input: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const field = unwrap(shape[key]);
    input[key] = field?._zod.def.type === 'array' ? query.getAll(key).map((v) => convert(v, field._zod.def.element)) : convert(query.get(key)!, field);
  }
  for (const [key, value] of Object.entries(params)) input[key] = convert(value, shape[key]);
  return input;
}
