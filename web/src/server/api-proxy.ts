/**
 * Forwards a request to the API worker: through the `API` service binding on Cloudflare, or to API_URL in
 * development. Keeps the browser same-origin for tRPC (no CORS) while the API stays its own Worker.
 */
import { webEnv } from './env.ts';

export async function forwardToApi(request: Request): Promise<Response> {
  const env = webEnv();
  const url = new URL(request.url);
  if (env.API) return env.API.fetch(new Request(`https://api.internal${url.pathname}${url.search}`, request));
  if (request.headers.get('upgrade')?.toLowerCase() === 'websocket') {
    return new Response('connect to the API worker directly for WebSockets in development', { status: 426 });
  }
  if (!env.API_URL) return new Response(JSON.stringify({ error: 'API is not configured' }), { status: 502 });
  const target = new URL(`${url.pathname}${url.search}`, env.API_URL);
  const headers = new Headers(request.headers);
  for (const h of HOP_BY_HOP) headers.delete(h);
  const init: RequestInit = { method: request.method, headers };
  if (request.method !== 'GET' && request.method !== 'HEAD') init.body = await request.arrayBuffer();
  const upstream = await fetch(target, init);
  // fetch() has already decoded the body: drop the encoding/length headers that described the wire form.
  const out = new Headers(upstream.headers);
  for (const h of ['content-encoding', 'content-length', 'transfer-encoding', 'connection']) out.delete(h);
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

const HOP_BY_HOP = ['host', 'connection', 'content-length', 'accept-encoding', 'transfer-encoding', 'keep-alive', 'upgrade'];
