import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { AuthCard } from '../components/auth-card.tsx';
import { Field, FormError, PrimaryButton } from '../components/form.tsx';
import { friendlyError } from '../lib/errors.ts';
import { safeNext } from '../lib/return-to.ts';
import { refreshMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';

/**
 * Sign in with email and password (`auth.signIn`; the API sets the HttpOnly session cookie through the proxy), then
 * back to the page that was asked for (`?next=`, a path on this site only) or the account page.
 */
export default function SignIn() {
  const [params] = useSearchParams<{ next?: string }>();
  const navigate = useNavigate();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const next = () => safeNext(params.next);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await api.auth.signIn.mutate({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
      await refreshMe();
      navigate(next(), { replace: true });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title="Sign in"
      subtitle="Your account, sessions and API keys."
      footer={{ text: 'New to Fairline?', link: 'Create an account', href: `/signup?next=${encodeURIComponent(next())}` }}
    >
      <form class="space-y-4" onSubmit={submit} data-testid="signin-form">
        <Field label="Email" name="email" type="email" autocomplete="username" required />
        <Field label="Password" name="password" type="password" autocomplete="current-password" required />
        <FormError message={error()} />
        <PrimaryButton type="submit" class="w-full" busy={busy()} busyLabel="Signing in…">
          Sign in
        </PrimaryButton>
      </form>
    </AuthCard>
  );
}
