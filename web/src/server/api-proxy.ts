/**
 * Forwards a request to the API worker: through the `API` service binding on Cloudflare, or to API_URL in
 * development. Keeps the browser same-origin for tRPC (no CORS) while the API stays its own Worker.
 *
 * What crosses, and why:
 * - Cookies and Origin, unchanged: the session cookie authenticates the browser, and the API refuses a
 *   cookie-authenticated mutation whose Origin is not the app's. The API's Set-Cookie answers come back to the
 *   browser (every one of them) and land on the web app's origin.
 * - The client address, as the API's rate limiter keys on it (`cf-connecting-ip`): never the one a client sent.
 *   On Cloudflare the edge sets the header itself before the web Worker runs, so the incoming value is the real
 *   one and is passed on; in development the header a browser (or curl) sent is dropped and replaced by the
 *   socket's peer address. The other client-IP headers (`x-forwarded-for`, `x-real-ip`, `true-client-ip`,
 *   `forwarded`) never pass.
 * - `x-forwarded-host` / `x-forwarded-proto`: the origin the browser actually talked to (this app), always set by
 *   the proxy (a client's own values are dropped), so the API can tell it from its own when checking Origin.
 */
import { webEnv } from './env.ts';

/** Headers a client could use to claim another address or host; the proxy drops them and sets its own. */
export const SPOOFABLE = ['cf-connecting-ip', 'x-forwarded-for', 'x-real-ip', 'true-client-ip', 'forwarded', 'x-forwarded-host', 'x-forwarded-proto'];

/** Hop-by-hop (and length/encoding) headers that describe one connection, not the request: not forwarded over fetch. */
const HOP_BY_HOP = ['host', 'connection', 'content-length', 'accept-encoding', 'transfer-encoding', 'keep-alive', 'upgrade'];

/** What the proxy needs of a request event: the request and, in development, the socket's peer address. */
export interface ProxiedRequest {
  request: Request;
  clientAddress?: string;
}

/** `::ffff:127.0.0.1` → `127.0.0.1` (Node reports IPv4 peers of a dual-stack socket in mapped form). */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The headers sent on to the API (see the file comment): the client's, minus the spoofable ones, plus the
 * trusted client address (when known) and the forwarded host and protocol of `url`.
 */
export function forwardedHeaders(request: Request, clientIp: string | undefined): Headers {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  for (const h of SPOOFABLE) headers.delete(h);
  if (clientIp) headers.set('cf-connecting-ip', plainAddress(clientIp));
  headers.set('x-forwarded-host', url.host);
  headers.set('x-forwarded-proto', url.protocol.replace(/:$/, ''));
  return headers;
}

/** Forwards `event.request` to the API worker and answers what it answered (see the file comment). */
export async function forwardToApi(event: ProxiedRequest): Promise<Response> {
  const { request } = event;
  const env = webEnv();
  const url = new URL(request.url);
  if (env.API) {
    // Cloudflare set cf-connecting-ip on the way in; the WebSocket upgrade headers must pass as they are.
    const headers = forwardedHeaders(request, request.headers.get('cf-connecting-ip') ?? undefined);
    return env.API.fetch(new Request(request.url, { method: request.method, headers, body: request.body, redirect: 'manual' }));
  }
  if (request.headers.get('upgrade')?.toLowerCase() === 'websocket') {
    return new Response('connect to the API worker directly for WebSockets in development', { status: 426 });
  }
  if (!env.API_URL) return new Response(JSON.stringify({ error: 'API is not configured' }), { status: 502 });
  const target = new URL(`${url.pathname}${url.search}`, env.API_URL);
  const headers = forwardedHeaders(request, event.clientAddress);
  for (const h of HOP_BY_HOP) headers.delete(h);
  const init: RequestInit = { method: request.method, headers, redirect: 'manual' };
  if (request.method !== 'GET' && request.method !== 'HEAD') init.body = await request.arrayBuffer();
  const upstream = await fetch(target, init);
  // fetch() has already decoded the body: drop the encoding/length headers that described the wire form.
  // Copying the Headers keeps every Set-Cookie as its own header.
  const out = new Headers(upstream.headers);
  for (const h of ['content-encoding', 'content-length', 'transfer-encoding', 'connection']) out.delete(h);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}
