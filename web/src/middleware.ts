/**
 * The web app's request middleware (registered in vite.config.ts): a CSP nonce per request, handed to the page
 * renderer through `locals.nonce` (entry-server.tsx), and the security headers of server/security-headers.ts on
 * every answer — pages, API routes and the answers proxied from the API worker alike. A WebSocket upgrade that
 * succeeded (101) passes through untouched.
 */
import { createMiddleware } from '@solidjs/start/middleware';
import { getRequestEvent } from 'solid-js/web';
import { isLocalDeployment, webEnv } from './server/env.ts';
import { createNonce, securityHeaders } from './server/security-headers.ts';

export default createMiddleware([
  async (event, next) => {
    const fetchEvent = getRequestEvent();
    const nonce = createNonce();
    if (fetchEvent) fetchEvent.locals.nonce = nonce;
    const headers = securityHeaders({
      nonce,
      local: isLocalDeployment(webEnv()),
      apiUrl: import.meta.env.VITE_API_URL as string | undefined,
    });
    const result = await next();
    if (result instanceof Response) {
      if (result.status === 101 || (result as Response & { webSocket?: unknown }).webSocket) return result;
      // A Response from a handler (the API proxy) may have immutable headers: answer a copy.
      const copy = new Response(result.body, result);
      for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
      return copy;
    }
    // Anything else (a page stream, a redirect) becomes a Response later, with these prepared headers merged in.
    for (const [name, value] of Object.entries(headers)) event.res.headers.set(name, value);
    return result;
  },
]);
