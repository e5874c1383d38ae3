import { createSignal, Show } from 'solid-js';

/** A destructive action in two clicks: the first asks, the second (`confirmLabel`) does it; Cancel steps back. */
export function ConfirmButton(props: { label: string; confirmLabel: string; onConfirm: () => Promise<void>; testId?: string }) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const run = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  const base = 'rounded-md px-2.5 py-1 text-xs font-medium';
  return (
    <Show
      when={asking()}
      fallback={
        <button type="button" class={`${base} self-start text-rose-700 ring-1 ring-rose-200 hover:bg-rose-50 sm:self-auto`} onClick={() => setAsking(true)} data-testid={props.testId}>
          {props.label}
        </button>
      }
    >
      <span class="inline-flex gap-1 self-start sm:self-auto">
        <button type="button" class={`${base} bg-rose-600 text-white hover:bg-rose-700 disabled:opacity-60`} disabled={busy()} onClick={run} data-testid={props.testId && `${props.testId}-confirm`}>
          {busy() ? '…' : props.confirmLabel}
        </button>
        <button type="button" class={`${base} text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50`} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    </Show>
  );
}
