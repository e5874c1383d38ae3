/**
 * What the sign-in and sign-up forms share: the page to return to (`?next=`, a path on this site only), the busy
 * and error state, and the submit flow — check the form, call the API, refresh who is signed in, go on.
 */
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { friendlyError } from './errors.ts';
import { safeNext } from './return-to.ts';
import { refreshMe } from './session.ts';

/**
 * A sign-in or sign-up form's state and submit handler. `check` may answer a message that stops the submit before
 * the API is called; `call` sends the form to the API (which sets the session cookie through the proxy).
 */
export function useAuthForm(call: (form: FormData) => Promise<unknown>, check: (form: FormData) => string | null = () => null) {
  const [params] = useSearchParams<{ next?: string }>();
  const navigate = useNavigate();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const next = () => safeNext(params.next);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const refused = check(form);
    if (refused) {
      setError(refused);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(form);
      await refreshMe();
      navigate(next(), { replace: true });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };
  return { next, error, busy, submit };
}

/** A form field's text ('' when absent). */
export const fieldOf = (form: FormData, name: string): string => String(form.get(name) ?? '');
