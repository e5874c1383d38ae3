import { A, useLocation } from '@solidjs/router';
import { createEffect, on, onMount } from 'solid-js';
import { friendlyError } from '../lib/errors.ts';

/**
 * What the app-wide error boundary shows when a page throws while rendering: a sentence for people (lib/errors.ts
 * friendlyError — never a stack or the validator's words), "Try again" (renders the page afresh) and a way home.
 * Moving to another page clears it, so one broken panel does not follow the reader around.
 */
export function AppError(props: { error: unknown; reset: () => void }) {
  const location = useLocation();
  createEffect(on(() => location.pathname + location.search, () => props.reset(), { defer: true }));
  // Kept for whoever debugs it (the browser console), not shown on the page.
  onMount(() => console.error(props.error));
  return (
    <section class="mx-auto max-w-md space-y-3 py-12 text-center" role="alert" data-testid="app-error">
      <h1 class="text-2xl font-semibold">This page could not be shown</h1>
      <p class="text-slate-600" data-testid="app-error-message">{friendlyError(props.error)}</p>
      <p class="flex justify-center gap-4 text-sm">
        <button type="button" class="rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:bg-brand-dark" onClick={() => props.reset()}>
          Try again
        </button>
        <A href="/" class="self-center text-brand hover:underline">Home</A>
      </p>
    </section>
  );
}
