/**
 * Server-only: the web Worker's bindings. On Cloudflare they come from the request event
 * (`nativeEvent.req.runtime.cloudflare.env`); under `vite dev` on Node, from process.env.
 */
import { getRequestEvent } from 'solid-js/web';

export interface WebBindings {
  /** Service binding to fairline-api (production). */
  API?: { fetch: typeof fetch };
  /** URL of the API worker (development, or when no service binding is configured). */
  API_URL?: string;
}

export function webEnv(): WebBindings {
  const event = getRequestEvent() as unknown as
    | { nativeEvent?: { req?: { runtime?: { cloudflare?: { env?: WebBindings } } } } }
    | undefined;
  const cf = event?.nativeEvent?.req?.runtime?.cloudflare?.env;
  const env = typeof process !== 'undefined' ? process.env : {};
  return {
    API: cf?.API,
    API_URL: cf?.API_URL ?? env.API_URL ?? env.VITE_API_URL,
  };
}
