/**
 * `fairline users create` against real Postgres (DATABASE_URL = this suite's database): an admin with a printed
 * one-time password, a user whose password comes from stdin, and the policy and conflicts of sign-up.
 */
import { users } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { usersCommand } from '../../src/cli/commands/users.ts';
import { verifyPassword } from '../../src/services/auth/password.ts';
import { captureRun, cliSuite } from '../support/cli.ts';

const withStdin = (text: string) => (argv: string[]) => usersCommand({ stdin: Readable.from([text]) }).run(argv);
const { capture, db } = cliSuite(withStdin(''));
const stored = async (email: string) => (await db().select().from(users).where(eq(users.email, email)))[0];

describe('fairline users create', () => {
  it('creates an admin and prints a one-time password that signs in', async () => {
    const r = await capture(['create', '--email', 'Root@Example.com', '--admin']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^created admin root@example\.com \(id [0-9a-f-]{36}\)/);
    const password = /one-time password: (\S+)/.exec(r.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = await stored('root@example.com');
    expect(row).toMatchObject({ role: 'admin', plan: 'free' });
    expect((await verifyPassword(password!, row!.passwordHash)).ok).toBe(true);
  });

  it('reads the password from stdin with --password-stdin and prints none', async () => {
    const r = await captureRun(withStdin('a passphrase from a vault\nignored second line\n'), ['create', '--email', 'ops@example.com', '--password-stdin', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown>;
    expect(out).toMatchObject({ email: 'ops@example.com', role: 'user' });
    expect(out).not.toHaveProperty('password');
    expect((await verifyPassword('a passphrase from a vault', (await stored('ops@example.com'))!.passwordHash)).ok).toBe(true);
  });

  it('refuses a weak stdin password, a taken email, and missing arguments', async () => {
    const weak = await captureRun(withStdin('password1234\n'), ['create', '--email', 'weak@example.com', '--password-stdin']);
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/less common password/);
    expect((await capture(['create', '--email', 'ROOT@example.com'])).err).toMatch(/already exists/);
    expect((await captureRun(withStdin(''), ['create', '--email', 'x@example.com', '--password-stdin'])).code).toBe(2);
    expect((await capture(['create'])).code).toBe(2);
  });
});
