import { createSignal, Show } from 'solid-js';
import type { CreatedKey } from '../../lib/account.ts';

/** A key just created: its secret, shown this once, with a copy button. */
export function NewKeySecret(props: { created: CreatedKey; onDone: () => void }) {
  const [copied, setCopied] = createSignal<'yes' | 'failed' | null>(null);
  let field: HTMLInputElement | undefined;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.created.secret);
      setCopied('yes');
    } catch {
      // No clipboard permission: select the text so the user can copy it by hand.
      field?.select();
      setCopied('failed');
    }
  };
  return (
    <div class="rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200" data-testid="new-key">
      <p class="text-sm font-medium text-emerald-900">Key “{props.created.name}” created. Copy it now: it is shown this once.</p>
      <div class="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          ref={field}
          readOnly
          value={props.created.secret}
          aria-label="New API key"
          data-testid="new-key-secret"
          class="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy} data-testid="copy-key" class="rounded-md bg-emerald-700 px-3 py-2 text-sm font-medium text-white hover:bg-emerald-800">
          {copied() === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <Show when={copied() === 'failed'}>
        <p class="mt-1 text-xs text-emerald-900">The browser refused the clipboard: the key is selected, copy it with Ctrl+C / ⌘C.</p>
      </Show>
      <p class="mt-2 text-xs text-emerald-900">
        Send it as <code class="rounded bg-white/70 px-1">Authorization: Bearer &lt;key&gt;</code>. Only its hash is stored: if you lose it, revoke it and
        create another.
      </p>
      <button type="button" onClick={() => props.onDone()} class="mt-3 text-sm font-medium text-emerald-900 underline">
        I have saved it
      </button>
    </div>
  );
}
