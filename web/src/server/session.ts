'use server';
/**
 * Server functions: who the browser is signed in as, asked of the API (`auth.me`) with the browser's own session
 * cookie, through the same proxy as every other API call (server/api-proxy.ts). Running on the server lets a
 * protected page answer a redirect before anything renders, on the first load and on client-side navigation alike.
 * The API's Set-Cookie answers (a session that slid forward, a dead cookie cleared) are passed on to the browser.
 */
import { redirect } from '@solidjs/router';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@fairline/worker/router';
import { getRequestEvent } from 'solid-js/web';
import superjson from 'superjson';
import { forwardToApi } from './api-proxy.ts';
import { signInPath } from '../lib/return-to.ts';

/**
 * Who is signed in — the part of `auth.me`'s answer the web app uses (written out so the web's declarations need not
 * name the worker's internal types; `currentUser` returning the API's answer checks it still fits) — or null.
 */
export type Me = { user: { id: string; email: string; role: 'user' | 'admin'; plan: 'free' | 'pro' }; via: 'session' | 'apiKey' } | null;

/** The headers of the browser's request that an API call made on its behalf carries. */
const PASSED_ON = ['cookie', 'user-agent', 'cf-connecting-ip', 'accept-language'];

/** A tRPC client that calls the API as the browser behind the current request. */
function apiAsBrowser(): TRPCClient<AppRouter> {
  const event = getRequestEvent();
  if (!event) throw new Error('apiAsBrowser: no request event (server functions only)');
  const incoming = event.request;
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: new URL('/trpc', incoming.url).href,
        transformer: superjson,
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          for (const h of PASSED_ON) {
            const value = incoming.headers.get(h);
            if (value) headers.set(h, value);
          }
          const request = new Request(String(input instanceof Request ? input.url : input), { ...(init as RequestInit), headers });
          const res = await forwardToApi({ request, clientAddress: event.clientAddress });
          for (const cookie of res.headers.getSetCookie()) event.response.headers.append('set-cookie', cookie);
          return res;
        },
      }),
    ],
  });
}

/** The signed-in caller (`auth.me`: the user and how they are signed in), or null. */
export async function currentUser(): Promise<Me> {
  return apiAsBrowser().auth.me.query();
}

/**
 * The signed-in caller, or a redirect to the sign-in page that comes back to `path` (the page asked for) — what a
 * protected page waits for before it renders.
 */
export async function userOrSignIn(path: string): Promise<NonNullable<Me>> {
  const me = await currentUser();
  if (!me) throw redirect(signInPath(path));
  return me;
}
