/**
 * Admin controls of one registry slot: promote a chosen version (whatever the gate said) or roll back to the version
 * active before, each with a reason kept in the audit log (`admin.models.promote` / `admin.models.rollback`). Shown to
 * admins only; the API refuses everyone else anyway (FORBIDDEN), so hiding them is about clutter, not security.
 */
import { createSignal, For, Show } from 'solid-js';
import { friendlyError } from '../../lib/errors.ts';
import { api } from '../../lib/trpc.ts';
import { FormError, inputClass } from '../form.tsx';
import type { ModelKind, ScopeOverview } from './labels.ts';

/** The API's bounds on a reason (3–500 characters), checked here first so a short one is said plainly. */
const REASON_MIN = 3;
const REASON_MAX = 500;

export function RegistryActions(props: { kind: ModelKind; slot: ScopeOverview; onChanged: () => void }) {
  const others = () => props.slot.versions.filter((v) => v.status !== 'active');
  const canRollBack = () => props.slot.versions.some((v) => v.status === 'retired' && v.activatedAt !== null);
  const [picked, setPicked] = createSignal<number | undefined>();
  // The version picked, while it is still one to promote (after a change the list moves); else the newest other.
  const target = () => (others().some((v) => v.id === picked()) ? picked() : others()[0]?.id);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal<'promote' | 'rollback' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  const run = async (action: 'promote' | 'rollback') => {
    setError(null);
    setDone(null);
    const why = reason().trim();
    if (why.length < REASON_MIN) return setError(`Say why (at least ${REASON_MIN} characters): it is kept in the audit log.`);
    if (action === 'promote' && target() === undefined) return setError('Choose a version to promote.');
    setBusy(action);
    try {
      const v = action === 'promote'
        ? await api.admin.models.promote.mutate({ id: target()!, reason: why })
        : await api.admin.models.rollback.mutate({ kind: props.kind, scope: props.slot.scope, reason: why });
      setDone(`Version ${v.version} is now active.`);
      setReason('');
      props.onChanged();
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(null);
    }
  };

  const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60';
  return (
    <form class="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="registry-actions" onSubmit={(e) => e.preventDefault()}>
      <p class="text-xs font-medium uppercase tracking-wide text-slate-500">Admin</p>
      <div class="grid gap-2 sm:grid-cols-[auto_1fr]">
        <label class="text-sm text-slate-700">
          Version
          <select class={`${inputClass} py-1.5`} data-testid="promote-version" value={target() ?? ''} onChange={(e) => setPicked(Number(e.currentTarget.value) || undefined)}
            disabled={others().length === 0}>
            <For each={others()} fallback={<option value="">no other version</option>}>
              {(v) => <option value={v.id}>v{v.version} ({v.status})</option>}
            </For>
          </select>
        </label>
        <label class="text-sm text-slate-700">
          Reason (kept in the audit log)
          <input class={`${inputClass} py-1.5`} data-testid="action-reason" maxLength={REASON_MAX} value={reason()} onInput={(e) => setReason(e.currentTarget.value)}
            placeholder="e.g. worse RPS on the last 60 matches" />
        </label>
      </div>
      <div class="flex flex-wrap gap-2">
        <button type="button" class={`${button} bg-brand text-white hover:bg-brand-dark`} data-testid="promote-button" disabled={busy() !== null || others().length === 0}
          onClick={() => run('promote')}>
          {busy() === 'promote' ? 'Promoting…' : 'Promote'}
        </button>
        <button type="button" class={`${button} text-rose-700 ring-1 ring-rose-200 hover:bg-rose-50`} data-testid="rollback-button" disabled={busy() !== null || !canRollBack()}
          onClick={() => run('rollback')} title={canRollBack() ? 'Return to the version active before the current one' : 'No earlier active version'}>
          {busy() === 'rollback' ? 'Rolling back…' : 'Roll back'}
        </button>
      </div>
      <FormError message={error()} testId="action-error" />
      <Show when={done()}><p class="text-sm text-emerald-700" role="status" data-testid="action-done">{done()}</p></Show>
    </form>
  );
}
