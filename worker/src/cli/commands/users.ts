/**
 * `fairline users create --email <email> [--admin] [--password-stdin] [--json]`
 *
 * Creates an account from the command line — the way admins are made (there is no sign-up path to the admin role).
 * The password is read from stdin with `--password-stdin` (its first line: `pass show fairline | fairline users
 * create …`), else generated and printed once (24 random characters): give it to its owner, who changes it on the
 * account page. Same verb and password policy as sign-up (services/auth createUser). Database: DATABASE_URL
 * (+ NEON_LOCAL_PROXY), else the local embedded default. Transport only.
 */
import { createUser } from '../../services/auth/create-user.ts';
import { randomToken } from '../../lib/secrets.ts';
import { commandGroup, defineCommand, UsageError, type Command } from '../command.ts';
import { cliContext, openCliDatabase } from '../database.ts';

/** Where the command reads a password from (process.stdin, or a test's stream). */
export interface UsersIo {
  stdin: AsyncIterable<string | Uint8Array>;
}

/** The first line of `stdin` (trailing CR/LF removed). */
async function firstLine(stdin: UsersIo['stdin']): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** `fairline users …` reading passwords from `io.stdin`. */
export function usersCommand(io: UsersIo): Command {
  return commandGroup('users', [
    defineCommand({
      name: 'users create',
      options: {
        email: { type: 'string', arg: '<email>', required: true },
        admin: { type: 'boolean' },
        'password-stdin': { type: 'boolean' },
      },
      async run({ values }) {
        const fromStdin = values['password-stdin'];
        const password = fromStdin ? await firstLine(io.stdin) : randomToken(18);
        if (fromStdin && password === '') throw new UsageError('--password-stdin: stdin had no password');
        const conn = await openCliDatabase();
        try {
          const role = values.admin ? 'admin' : 'user';
          const user = await createUser({ ctx: cliContext(conn.db), input: { email: values.email, password, role } });
          const oneTime = fromStdin ? null : password;
          if (values.json) console.log(JSON.stringify({ ...user, ...(oneTime ? { password: oneTime } : {}) }));
          else {
            console.log(`created ${user.role} ${user.email} (id ${user.id})${conn.where ? ` in the ${conn.where}` : ''}`);
            if (oneTime) console.log(`one-time password: ${oneTime}\n(shown once — sign in with it and change it on the account page)`);
          }
          return 0;
        } finally {
          await conn.close();
        }
      },
    }),
  ]);
}

/** `fairline users …` on the process's stdin. */
export const command = usersCommand({ stdin: process.stdin });

/** Runs the command on the words after `fairline users`; resolves to the exit code. */
export const run = command.run;
