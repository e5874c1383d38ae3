/**
 * Server-only: the web Worker's bindings and vars — the one web module that reads them. On Cloudflare they come from
 * the request event (`nativeEvent.req.runtime.cloudflare.env`); under `vite dev` on Node, from process.env.
 */
import { getRequestEvent } from 'solid-js/web';

export interface WebBindings {
  /** Service binding to fairline-api (production). */
  API?: { fetch: typeof fetch };
  /** URL of the API worker (development, or when no service binding is configured). */
  API_URL?: string;
  /**
   * `production` (web/wrangler.toml's var, the default when unset or unknown), `development` (`npm start`, the
   * browser tests) or `test`: local deployments get no HSTS (server/security-headers.ts).
   */
  ENVIRONMENT: 'development' | 'test' | 'production';
}

const DEPLOYMENTS = ['development', 'test', 'production'] as const;

/** Whether this is a local deployment (development or test) rather than a deployed one. */
export const isLocalDeployment = (env: WebBindings) => env.ENVIRONMENT !== 'production';

/** The bindings as the runtime hands them over, before ENVIRONMENT is checked. */
type RawBindings = Omit<WebBindings, 'ENVIRONMENT'> & { ENVIRONMENT?: string };

/** This request's bindings (see the file comment). */
export function webEnv(): WebBindings {
  const event = getRequestEvent() as unknown as
    | { nativeEvent?: { req?: { runtime?: { cloudflare?: { env?: RawBindings } } } } }
    | undefined;
  const cf = event?.nativeEvent?.req?.runtime?.cloudflare?.env;
  const env = typeof process !== 'undefined' ? process.env : {};
  const environment = cf?.ENVIRONMENT ?? env.ENVIRONMENT;
  return {
    API: cf?.API,
    API_URL: cf?.API_URL ?? env.API_URL ?? env.VITE_API_URL,
    ENVIRONMENT: DEPLOYMENTS.find((d) => d === environment) ?? 'production',
  };
}
