import { AuthCard } from '../components/auth-card.tsx';
import { Field, FormError, PrimaryButton } from '../components/form.tsx';
import { fieldOf, useAuthForm } from '../lib/auth-form.ts';
import { api } from '../lib/trpc.ts';

/**
 * Sign in with email and password (`auth.signIn`; the API sets the HttpOnly session cookie through the proxy), then
 * back to the page that was asked for (`?next=`, a path on this site only) or the account page.
 */
export default function SignIn() {
  const { next, error, busy, submit } = useAuthForm((form) =>
    api.auth.signIn.mutate({ email: fieldOf(form, 'email'), password: fieldOf(form, 'password') }),
  );

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
