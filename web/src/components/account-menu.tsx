import { A, createAsync, useLocation, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { signInPath } from '../lib/return-to.ts';
import { getMe, refreshMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';
import { OddsFormatToggle, PreferencesLoader } from './odds-format-toggle.tsx';

/**
 * The nav's account corner: the display preferences' loader and odds-format switch, then the signed-in
 * user (a link to the account page) and Sign out, or Sign in / Sign up.
 */
export function AccountMenu() {
  const me = createAsync(() => getMe());
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = async () => {
    await api.auth.signOut.mutate();
    // Leave first: refreshing on a protected page would send it to sign in instead of home.
    navigate('/', { replace: true });
    await refreshMe();
  };
  const here = () => (['/signin', '/signup'].includes(location.pathname) ? '/account' : location.pathname + location.search);
  const link = 'rounded-md px-3 py-2 text-sm font-medium hover:bg-brand-dark';
  return (
    <span class="flex min-w-0 items-center gap-1">
      <PreferencesLoader />
      {/* From sm up the switch sits in the bar; on a phone it would push the bar onto two rows (the Menu has it there). */}
      <OddsFormatToggle class="hidden sm:flex" />
      <Show
        when={me()}
        fallback={
          <span class="flex items-center gap-1">
            <A href={signInPath(here())} class={link} data-testid="nav-signin">Sign in</A>
            <A href={`/signup?next=${encodeURIComponent(here())}`} class="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-brand hover:bg-slate-100" data-testid="nav-signup">
              Sign up
            </A>
          </span>
        }
      >
        {(m) => (
          <span class="flex min-w-0 items-center gap-1">
            <A href="/account" class={`${link} min-w-0 max-w-[9rem] truncate sm:max-w-[14rem]`} activeClass="bg-brand-dark" title={m().user.email} data-testid="nav-user">
              {m().user.email}
            </A>
            <button type="button" class={`${link} shrink-0`} onClick={signOut} data-testid="nav-signout">
              Sign out
            </button>
          </span>
        )}
      </Show>
    </span>
  );
}
