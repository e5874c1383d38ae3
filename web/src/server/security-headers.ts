/**
 * Server-only: the web app's security headers, one set per response (built by src/middleware.ts).
 *
 * - CSP: scripts only from this origin and with this response's nonce (SolidStart puts it on its entry script,
 *   module preloads and the inline hydration scripts; Solid's streamed chunks carry it too) — no 'unsafe-inline',
 *   no 'unsafe-eval'. Styles allow 'unsafe-inline': the dev server injects <style> tags and Solid renders `style`
 *   attributes, which no nonce can follow; style injection cannot run script. Connections go to this origin (tRPC
 *   and, in production, the live rooms through the service binding) and, in development, to the API worker the
 *   browser's WebSocket reaches directly (VITE_API_URL). Never framed, no plugins, forms post here only.
 * - `Referrer-Policy: strict-origin-when-cross-origin`, NOT `no-referrer`: under no-referrer a browser sends
 *   `Origin: null` on same-origin POSTs, and the API's Origin check for cookie-authenticated mutations needs the
 *   real one.
 * - `X-Frame-Options: DENY`, `nosniff`, a Permissions-Policy switching off what the app never uses, and HSTS outside
 *   local development (ENVIRONMENT, see server/env.ts).
 */

/** Two years, subdomains included (the same as the API worker). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** A fresh CSP nonce: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The origins (http and ws forms) of the API worker when the browser talks to it directly (development). */
export function directApiOrigins(apiUrl: string | undefined): string[] {
  if (!apiUrl) return [];
  try {
    const url = new URL(apiUrl);
    const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return [url.origin, `${ws}//${url.host}`];
  } catch {
    return [];
  }
}

/** The Content-Security-Policy of a page answered with `nonce` (see the file comment). */
export function contentSecurityPolicy(nonce: string, apiUrl?: string): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", `'nonce-${nonce}'`]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...directApiOrigins(apiUrl)]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Every security header of a web answer: the CSP with `nonce`, and HSTS unless `local`. */
export function securityHeaders(options: { nonce: string; local: boolean; apiUrl?: string }): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options.nonce, options.apiUrl),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
  if (!options.local) headers['strict-transport-security'] = HSTS;
  return headers;
}
