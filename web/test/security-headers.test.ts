import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, directApiOrigins, HSTS, securityHeaders } from '../src/server/security-headers.ts';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

describe('web security headers', () => {
  it('allow scripts only from this origin and with the response nonce — no inline or eval', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
  });

  it('let the browser reach the API worker directly only when it does so (development)', () => {
    expect(directApiOrigins('http://127.0.0.1:8787')).toEqual(['http://127.0.0.1:8787', 'ws://127.0.0.1:8787']);
    expect(directApiOrigins('https://api.example')).toEqual(['https://api.example', 'wss://api.example']);
    expect(directApiOrigins(undefined)).toEqual([]);
    expect(directApiOrigins('not a url')).toEqual([]);
    expect(directive(contentSecurityPolicy('n', 'http://127.0.0.1:8787'), 'connect-src')).toBe("connect-src 'self' http://127.0.0.1:8787 ws://127.0.0.1:8787");
  });

  it('send HSTS only outside local, and a referrer policy that keeps Origin on same-origin POSTs', () => {
    const local = securityHeaders({ nonce: 'n', local: true });
    const deployed = securityHeaders({ nonce: 'n', local: false });
    expect(local['strict-transport-security']).toBeUndefined();
    expect(deployed['strict-transport-security']).toBe(HSTS);
    for (const h of [local, deployed]) {
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['x-content-type-options']).toBe('nosniff');
      // not no-referrer: under it a browser sends `Origin: null` on same-origin POSTs (fetch spec).
      expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('make a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    expect(atob(a)).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
