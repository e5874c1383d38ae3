import { createSignal, For } from 'solid-js';
import { SCOPE_INFO, type ApiScope, type CreatedKey } from '../../lib/account.ts';
import { friendlyError } from '../../lib/errors.ts';
import { api } from '../../lib/trpc.ts';
import { Field, FormError, inputClass, PrimaryButton } from '../form.tsx';

/** Lifetimes offered for a new key, in days (0: until revoked). */
const LIFETIMES = [
  [0, 'Never (until revoked)'],
  [30, '30 days'],
  [90, '90 days'],
  [365, '1 year'],
] as const;

/** The form that creates an API key (`apiKeys.create`): a name, its scopes, an optional expiry. */
export function CreateKeyForm(props: { onCreated: (key: CreatedKey) => void }) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const scopes = form.getAll('scope').map(String) as ApiScope[];
    if (scopes.length === 0) {
      setError('Choose at least one scope.');
      return;
    }
    const days = Number(form.get('lifetime') ?? 0);
    setBusy(true);
    setError(null);
    try {
      const key = await api.apiKeys.create.mutate({
        name: String(form.get('name') ?? ''),
        scopes,
        expiresAt: days > 0 ? new Date(Date.now() + days * 86_400_000) : undefined,
      });
      formEl.reset();
      props.onCreated(key);
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="space-y-4" onSubmit={submit} data-testid="create-key-form">
      <div class="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" required maxlength={64} placeholder="e.g. pricing bot" hint="For you, to tell your keys apart." />
        <label class="block text-sm font-medium text-slate-700">
          Expires
          <select name="lifetime" class={inputClass}>
            <For each={LIFETIMES}>{([days, label]) => <option value={String(days)}>{label}</option>}</For>
          </select>
        </label>
      </div>
      <fieldset>
        <legend class="text-sm font-medium text-slate-700">Scopes</legend>
        <div class="mt-2 grid gap-2 sm:grid-cols-2">
          <For each={Object.entries(SCOPE_INFO) as Array<[ApiScope, string]>}>
            {([scope, what]) => (
              <label class="flex items-start gap-2 rounded-md p-2 text-sm ring-1 ring-slate-200 hover:bg-slate-50">
                <input type="checkbox" name="scope" value={scope} class="mt-0.5 accent-brand" checked={scope === 'read:markets'} />
                <span>
                  <span class="font-mono text-xs font-medium">{scope}</span>
                  <span class="block text-xs text-slate-500">{what}</span>
                </span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <FormError message={error()} />
      <PrimaryButton type="submit" busy={busy()} busyLabel="Creating…">
        Create key
      </PrimaryButton>
    </form>
  );
}
