/**
 * The signed-in user, for the nav and protected pages: router queries over the server functions of
 * server/session.ts (cached per navigation, revalidated after signing in or out).
 */
import { query, revalidate } from '@solidjs/router';
import { currentUser, userOrSignIn } from '../server/session.ts';

export type { Me } from '../server/session.ts';

/** The signed-in user or null. */
export const getMe = query(() => currentUser(), 'me');

/** The signed-in user, or a redirect to sign-in that returns to `path`. */
export const requireMe = query((path: string) => userOrSignIn(path), 'require-me');

/** Forget who was signed in (after signing in or out), so the nav and protected pages ask again. */
export const refreshMe = () => revalidate([getMe.key, requireMe.key]);
