import { TRPCClientError } from '@trpc/client';

/**
 * A message for people from an API error: the field messages of a validation error ("a password is 12 to 256
 * characters long"), a wait for a throttled sign-in, else the API's own message (it never carries internals).
 */
export function friendlyError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; issues?: Array<{ path: string; message: string }> } | undefined;
    if (data?.issues?.length) return sentence(data.issues.map((i) => i.message).join('; '));
    if (data?.code === 'TOO_MANY_REQUESTS') return 'Too many attempts. Wait a minute and try again.';
    const message = String(error.message).replace(/^invalid input: /, '').replace(/^[a-zA-Z.]+: /, '');
    return sentence(message);
  }
  return 'Something went wrong. Try again.';
}

const sentence = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}` : s);
