import type { APIEvent } from '@solidjs/start/server';
import { forwardToApi } from '../../server/api-proxy.ts';

// WebSocket upgrades to a LiveRoom, passed through the API service binding (on Cloudflare / workerd).
// Under `vite dev` the browser connects to the API worker directly (VITE_API_URL), as Node's dev server
// cannot pass upgrades through.
export const GET = (event: APIEvent) => forwardToApi(event);
