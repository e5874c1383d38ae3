/**
 * Security headers on every API answer (hono's secure-headers middleware), chosen by what the answer is:
 *
 * - JSON, Prometheus text, errors — everything but the docs page: `default-src 'none'` (a JSON body opened as a
 *   document may load nothing and run nothing), `frame-ancestors 'none'` and `X-Frame-Options: DENY` (never framed),
 *   `base-uri`/`form-action 'none'`, `Referrer-Policy: no-referrer`, `nosniff`.
 * - `/api/docs` (the interactive API reference, an HTML page): scripts only with this response's nonce (the
 *   reference's loader and its inline start-up script carry it; `cspNonce(c)` hands it to the page) or from the
 *   reference's CDN; styles, fonts and images as the reference injects them; requests to this origin only (the
 *   OpenAPI document and "try it" calls). Still never framed.
 * - `Strict-Transport-Security` (2 years, subdomains) outside local development and tests: over plain http on
 *   127.0.0.1 it would be meaningless, and a production answer must never go without it.
 *
 * WebSocket upgrades that succeed (101) are left alone — they carry no document, and the Durable Object's upgrade
 * response has immutable headers; a refused upgrade (401/403/404 JSON) gets the headers like any answer.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { deploymentOf } from '../env.ts';

/** Two years, subdomains included: the max-age HSTS preload lists ask for (no `preload` — that is a registration). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The path of the interactive API reference, the one HTML page the API serves. */
export const DOCS_PATH = '/api/docs';

/** The CDN the API reference loads its bundle, styles and fonts from (Scalar's default). */
const DOCS_ASSET_ORIGINS = ['https://cdn.jsdelivr.net', 'https://fonts.scalar.com'];

/** CSP of every JSON/text answer: nothing may load, run, frame it, or be posted from it. */
export const API_CSP = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** CSP of the API reference page (see the file comment); `NONCE` is replaced by a fresh nonce per response. */
export const DOCS_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: [NONCE, 'https://cdn.jsdelivr.net'],
  // The reference injects <style> elements and style attributes at run time: no nonce can follow them.
  styleSrc: ["'self'", "'unsafe-inline'", ...DOCS_ASSET_ORIGINS],
  fontSrc: ["'self'", 'data:', ...DOCS_ASSET_ORIGINS],
  imgSrc: ["'self'", 'data:', 'https:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

function headersFor(csp: typeof API_CSP | typeof DOCS_CSP, hsts: boolean): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: csp,
    strictTransportSecurity: hsts ? HSTS : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // Same-origin documents only; the API is called from servers and the web Worker, never embedded cross-site.
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
  });
}

const VARIANTS = {
  api: { local: headersFor(API_CSP, false), deployed: headersFor(API_CSP, true) },
  docs: { local: headersFor(DOCS_CSP, false), deployed: headersFor(DOCS_CSP, true) },
};

const isUpgrade = (c: Context) => c.req.header('upgrade')?.toLowerCase() === 'websocket';

/** The API worker's security headers (see the file comment): `app.use('*', apiSecurityHeaders)`. */
export const apiSecurityHeaders: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const deployment = deploymentOf(c.env);
  const local = deployment === 'development' || deployment === 'test';
  const page = c.req.path === DOCS_PATH || c.req.path.startsWith(`${DOCS_PATH}/`) ? 'docs' : 'api';
  const apply = VARIANTS[page][local ? 'local' : 'deployed'];
  if (!isUpgrade(c)) return apply(c, next);
  await next();
  // A refused upgrade is an ordinary JSON answer; a 101 keeps the Durable Object's response untouched.
  if (c.res.status !== 101) await apply(c, async () => {});
};

/** The CSP nonce of this response (for the docs page's `<script nonce>`), set by `apiSecurityHeaders` on `/api/docs`. */
export function cspNonce(c: Context): string | undefined {
  return c.get('secureHeadersNonce' as never) as string | undefined;
}
