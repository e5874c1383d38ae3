import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { AuthCard } from '../components/auth-card.tsx';
import { Field, FormError, PrimaryButton } from '../components/form.tsx';
import { friendlyError } from '../lib/errors.ts';
import { safeNext } from '../lib/return-to.ts';
import { refreshMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';

/** The API's password rule, said where it is typed (the API checks it: 12–256 characters, not a common password). */
const PASSWORD_HINT = '12 to 256 characters. A few unrelated words work well; common passwords are refused.';

/** Create an account (`auth.signUp`, which also signs it in), then on to the page asked for or the account page. */
export default function SignUp() {
  const [params] = useSearchParams<{ next?: string }>();
  const navigate = useNavigate();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const next = () => safeNext(params.next);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.auth.signUp.mutate({ email: String(form.get('email') ?? ''), password });
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
      title="Create your account"
      subtitle="Free plan: the web app, and API keys for your own tools."
      footer={{ text: 'Already have an account?', link: 'Sign in', href: `/signin?next=${encodeURIComponent(next())}` }}
    >
      <form class="space-y-4" onSubmit={submit} data-testid="signup-form">
        <Field label="Email" name="email" type="email" autocomplete="email" required />
        <Field label="Password" name="password" type="password" autocomplete="new-password" minlength={12} required hint={PASSWORD_HINT} />
        <Field label="Repeat the password" name="confirm" type="password" autocomplete="new-password" required />
        <FormError message={error()} />
        <PrimaryButton type="submit" class="w-full" busy={busy()} busyLabel="Creating your account…">
          Create account
        </PrimaryButton>
      </form>
    </AuthCard>
  );
}
