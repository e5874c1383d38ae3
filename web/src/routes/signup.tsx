import { AuthCard } from '../components/auth-card.tsx';
import { Field, FormError, PrimaryButton } from '../components/form.tsx';
import { fieldOf, useAuthForm } from '../lib/auth-form.ts';
import { api } from '../lib/trpc.ts';

/** The API's password rule, said where it is typed (the API checks it: 12–256 characters, not a common password). */
const PASSWORD_HINT = '12 to 256 characters. A few unrelated words work well; common passwords are refused.';

/** Create an account (`auth.signUp`, which also signs it in), then on to the page asked for or the account page. */
export default function SignUp() {
  const { next, error, busy, submit } = useAuthForm(
    (form) => api.auth.signUp.mutate({ email: fieldOf(form, 'email'), password: fieldOf(form, 'password') }),
    (form) => (fieldOf(form, 'password') !== fieldOf(form, 'confirm') ? 'The two passwords differ.' : null),
  );

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
