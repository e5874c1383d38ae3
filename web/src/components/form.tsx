import { createUniqueId, Show, splitProps, type JSX } from 'solid-js';

/** The look of a text input across the app's forms. */
export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand focus:outline-none focus:ring-1 focus:ring-brand';

/** A labelled input; `hint` is a line of help under it (described-by, so it is read after the label, not in it). */
export function Field(props: JSX.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const [own, input] = splitProps(props, ['label', 'hint']);
  const hintId = createUniqueId();
  return (
    <div>
      <label class="block text-sm font-medium text-slate-700">
        {own.label}
        <input class={inputClass} aria-describedby={own.hint ? hintId : undefined} {...input} />
      </label>
      <Show when={own.hint}>
        <p id={hintId} class="mt-1 text-xs text-slate-500">{own.hint}</p>
      </Show>
    </div>
  );
}

/** An error message above a form's button (role=alert, so screen readers announce it). */
export function FormError(props: { message: string | null | undefined; testId?: string }) {
  return (
    <Show when={props.message}>
      <p role="alert" class="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200" data-testid={props.testId ?? 'form-error'}>
        {props.message}
      </p>
    </Show>
  );
}

/** The app's primary button (brand colour), disabled and relabelled while `busy`. */
export function PrimaryButton(props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; busyLabel?: string }) {
  const [own, rest] = splitProps(props, ['busy', 'busyLabel', 'children', 'class']);
  return (
    <button
      {...rest}
      disabled={own.busy || rest.disabled}
      class={`rounded-md bg-brand px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-dark disabled:cursor-not-allowed disabled:opacity-60 ${own.class ?? ''}`}
    >
      {own.busy ? (own.busyLabel ?? 'Working…') : own.children}
    </button>
  );
}
