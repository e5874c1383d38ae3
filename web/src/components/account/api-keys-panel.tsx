import { createSignal, For, Show } from 'solid-js';
import type { AccountUsage, ApiKeyRow, CreatedKey } from '../../lib/account.ts';
import { friendlyError } from '../../lib/errors.ts';
import { count, formatWhen } from '../../lib/format.ts';
import { api } from '../../lib/trpc.ts';
import { FormError } from '../form.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { CreateKeyForm } from './create-key-form.tsx';
import { NewKeySecret } from './new-key-secret.tsx';

const STATUS_STYLE: Record<ApiKeyRow['status'], string> = {
  active: 'bg-emerald-100 text-emerald-800',
  revoked: 'bg-slate-200 text-slate-700',
  expired: 'bg-amber-100 text-amber-800',
};

/** The caller's API keys: create (the secret shown once), list with scopes, use and status, revoke. */
export function ApiKeysPanel(props: { keys: ApiKeyRow[] | undefined; error: unknown; usage: AccountUsage | undefined; onChange: () => void }) {
  const [created, setCreated] = createSignal<CreatedKey | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const callsToday = (id: string) => props.usage?.keys.find((k) => k.keyId === id)?.days[0]?.calls;
  const revoke = async (id: string) => {
    setError(null);
    try {
      await api.apiKeys.revoke.mutate({ id });
      if (created()?.id === id) setCreated(null);
      props.onChange();
    } catch (err) {
      setError(friendlyError(err));
    }
  };
  return (
    <div class="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" data-testid="api-keys-panel">
      <div>
        <h2 class="font-medium">API keys</h2>
        <p class="mt-1 text-sm text-slate-600">
          For your own tools and partner apps: the REST API under <code class="rounded bg-slate-100 px-1">/api/v1</code>, the typed client and the
          live rooms. A key reaches only what its scopes allow.
        </p>
      </div>
      <Show when={created()} fallback={<CreateKeyForm onCreated={(k) => (setCreated(k), props.onChange())} />}>
        {(k) => <NewKeySecret created={k()} onDone={() => setCreated(null)} />}
      </Show>
      <FormError message={error()} />
      <Show when={!props.error} fallback={<p class="text-sm text-rose-700">Could not load your keys: {friendlyError(props.error)}</p>}>
        <Show when={props.keys} fallback={<p class="text-sm text-slate-500">Loading…</p>}>
          {(keys) => (
            <Show when={keys().length > 0} fallback={<p class="text-sm text-slate-500">No keys yet.</p>}>
              <ul class="divide-y divide-slate-100 border-t border-slate-100">
                <For each={keys()}>
                  {(k) => (
                    <li class="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-testid="api-key-row" data-status={k.status} data-prefix={k.prefix}>
                      <div class="min-w-0 flex-1 text-sm">
                        <div class="flex flex-wrap items-center gap-2">
                          <span class="font-medium">{k.name}</span>
                          <code class="text-xs text-slate-500">{k.prefix}…</code>
                          <span class={`rounded px-1.5 py-0.5 text-xs capitalize ${STATUS_STYLE[k.status]}`}>{k.status}</span>
                        </div>
                        <div class="mt-1 flex flex-wrap gap-1">
                          <For each={k.scopes}>{(s) => <span class="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{s}</span>}</For>
                        </div>
                        <p class="mt-1 text-xs text-slate-500">
                          Created {formatWhen(k.createdAt)} · last used {formatWhen(k.lastUsedAt)}
                          <Show when={k.expiresAt && k.status === 'active'}> · expires {formatWhen(k.expiresAt)}</Show>
                          <Show when={k.revokedAt}> · revoked {formatWhen(k.revokedAt)}</Show>
                          <Show when={callsToday(k.id) !== undefined}> · {count(callsToday(k.id)!)} calls today</Show>
                        </p>
                      </div>
                      <Show when={k.status === 'active'}>
                        <ConfirmButton label="Revoke" confirmLabel="Revoke key" onConfirm={() => revoke(k.id)} testId="revoke-key" />
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
