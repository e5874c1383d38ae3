import { createSignal, For, Show } from 'solid-js';
import type { SessionRow } from '../../lib/account.ts';
import { friendlyError } from '../../lib/errors.ts';
import { deviceName, formatWhen } from '../../lib/format.ts';
import { api } from '../../lib/trpc.ts';
import { FormError } from '../form.tsx';
import { ConfirmButton } from './confirm-button.tsx';

/** The caller's signed-in sessions (`auth.sessions`), each revocable; revoking this browser's own signs it out. */
export function SessionsPanel(props: { sessions: SessionRow[] | undefined; error: unknown; onChange: () => void; onSignedOut: () => void }) {
  const [error, setError] = createSignal<string | null>(null);
  const revoke = async (s: SessionRow) => {
    setError(null);
    try {
      const out = await api.auth.revokeSession.mutate({ id: s.id });
      if (out.current) props.onSignedOut();
      else props.onChange();
    } catch (err) {
      setError(friendlyError(err));
    }
  };
  return (
    <div class="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" data-testid="sessions-panel">
      <div>
        <h2 class="font-medium">Sessions</h2>
        <p class="mt-1 text-sm text-slate-600">Where your account is signed in. A session lasts 30 days from its last use.</p>
      </div>
      <FormError message={error()} />
      <Show when={!props.error} fallback={<p class="text-sm text-rose-700">Could not load your sessions: {friendlyError(props.error)}</p>}>
        <Show when={props.sessions} fallback={<p class="text-sm text-slate-500">Loading…</p>}>
          {(sessions) => (
            <ul class="divide-y divide-slate-100 border-t border-slate-100">
              <For each={sessions()}>
                {(s) => (
                  <li class="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-testid="session-row" data-current={String(s.current)}>
                    <div class="min-w-0 flex-1 text-sm">
                      <div class="flex flex-wrap items-center gap-2">
                        <span class="font-medium" title={s.userAgent ?? ''}>{deviceName(s.userAgent)}</span>
                        <Show when={s.current}>
                          <span class="rounded bg-brand/10 px-1.5 py-0.5 text-xs font-medium text-brand">This browser</span>
                        </Show>
                      </div>
                      <p class="mt-1 text-xs text-slate-500">
                        Signed in {formatWhen(s.createdAt)} · last seen {formatWhen(s.lastSeenAt)} · expires {formatWhen(s.expiresAt)}
                      </p>
                    </div>
                    <ConfirmButton
                      label={s.current ? 'Sign out here' : 'Revoke'}
                      confirmLabel={s.current ? 'Sign out' : 'Revoke session'}
                      onConfirm={() => revoke(s)}
                      testId="revoke-session"
                    />
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </Show>
    </div>
  );
}
