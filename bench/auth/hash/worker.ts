// Benchmark probe only (never deployed): the API's own password hashing under workerd. `/hash` hashes one password
// with the production parameters; `/noop` is the same request doing nothing. Timers in workerd stand still while
// JavaScript runs (Spectre mitigation), so the cost is read from outside: /hash's latency minus /noop's.
import { hashPassword, PASSWORD_HASH_PARAMS } from '../../../worker/src/services/auth/password.ts';

export default {
  async fetch(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url);
    if (pathname === '/hash') return new Response(await hashPassword('correct horse battery staple 42'));
    if (pathname === '/params') return Response.json(PASSWORD_HASH_PARAMS);
    return new Response('ok');
  },
};
