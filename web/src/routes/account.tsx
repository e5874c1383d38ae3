import { createAsync, useLocation, useNavigate, type RouteDefinition } from '@solidjs/router';
import { Show } from 'solid-js';
import { ApiKeysPanel } from '../components/account/api-keys-panel.tsx';
import { PreferencesPanel } from '../components/account/preferences-panel.tsx';
import { SessionsPanel } from '../components/account/sessions-panel.tsx';
import { UsagePanel } from '../components/account/usage-panel.tsx';
import { createBrowserResource } from '../lib/account.ts';
import { refreshMe, requireMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';

export const route = {
  preload: ({ location }) => requireMe(location.pathname + location.search),
} satisfies RouteDefinition;

/**
 * The account page (signed-in only: anyone else is sent to sign in and brought back here): who you are, your display
 * preferences (odds format, time zone), your plan and today's usage, your API keys (create — the secret shown once —
 * and revoke) and your sessions (revoke).
 */
export default function Account() {
  const location = useLocation();
  const navigate = useNavigate();
  const me = createAsync(() => requireMe(location.pathname + location.search), { deferStream: true });
  const [keys, { refetch: refetchKeys }] = createBrowserResource(() => api.apiKeys.list.query());
  const [sessions, { refetch: refetchSessions }] = createBrowserResource(() => api.auth.sessions.query());
  const [usage, { refetch: refetchUsage }] = createBrowserResource(() => api.apiKeys.usage.query());
  const signedOut = async () => {
    await refreshMe();
    navigate('/signin', { replace: true });
  };
  return (
    <Show when={me()}>
      {(m) => (
        <section class="space-y-6" data-testid="account-page">
          <div class="flex flex-wrap items-end justify-between gap-2">
            <div class="min-w-0">
              <h1 class="text-2xl font-semibold">Your account</h1>
              <p class="mt-1 break-all text-sm text-slate-600" data-testid="account-email">
                {m().user.email}
                <Show when={m().user.role === 'admin'}>
                  <span class="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-medium text-indigo-800">admin</span>
                </Show>
              </p>
            </div>
          </div>
          <PreferencesPanel />
          <UsagePanel usage={usage()} error={usage.error} />
          <ApiKeysPanel keys={keys()} error={keys.error} usage={usage()} onChange={() => void Promise.all([refetchKeys(), refetchUsage()])} />
          <SessionsPanel sessions={sessions()} error={sessions.error} onChange={() => void refetchSessions()} onSignedOut={signedOut} />
        </section>
      )}
    </Show>
  );
}
