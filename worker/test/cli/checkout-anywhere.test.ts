// A checkout the `postgres` user cannot enter (under root's home, mode 700) must stop `npm start`, `npm test` and
// the CLI at once with one line saying what to do — not crash later with an unhandled EACCES from initdb.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockedAncestor } from '@fairline/local/reachable';
import { startPostgres } from '@fairline/local/postgres';
import { repoRoot } from '@fairline/local/paths';

const isRoot = process.getuid?.() === 0;
const base = mkdtempSync(join(tmpdir(), 'fairline-reach-'));
chmodSync(base, 0o755); // mkdtemp makes it 700
const locked = join(base, 'home');
mkdirSync(join(locked, 'checkout'), { recursive: true });
chmodSync(locked, 0o700);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('checkout anywhere', () => {
  it('finds the first directory a user may not enter, by owner, group and other bits', () => {
    const me = { uid: process.getuid!(), gids: [process.getgid!()] };
    expect(blockedAncestor(join(locked, 'checkout'), undefined)).toBe(locked); // "other" has no x on a 700 dir
    expect(blockedAncestor(join(locked, 'checkout'), me)).toBeUndefined(); // its owner may
    chmodSync(locked, 0o710);
    expect(blockedAncestor(join(locked, 'checkout'), { uid: 12345, gids: [process.getgid!()] })).toBeUndefined();
    chmodSync(locked, 0o700);
    expect(blockedAncestor(join(locked, 'not-yet', 'made'), undefined)).toBe(locked);
    expect(blockedAncestor(join(base, 'open', 'later'), undefined)).toBeUndefined();
  });

  it.runIf(isRoot)('the embedded Postgres refuses a data dir its user cannot reach, with what to do', async () => {
    await expect(startPostgres({ dir: join(locked, 'checkout', '.data', 'pg'), port: 1, quiet: true })).rejects.toThrow(
      `cannot enter ${locked} (on the way to ${join(locked, 'checkout', '.data', 'pg')}); move the checkout somewhere it can (e.g. /srv or /opt), or allow it with: chmod o+x ${locked}`,
    );
  });

  it.runIf(isRoot)('npm start / npm test (scripts/bootstrap.mjs) stop at once with one line, exit 1', () => {
    const checkout = join(locked, 'checkout');
    cpSync(join(repoRoot, 'scripts/bootstrap.mjs'), join(checkout, 'scripts/bootstrap.mjs'));
    cpSync(join(repoRoot, 'scripts/local/reachable.mjs'), join(checkout, 'scripts/local/reachable.mjs'));
    const r = spawnSync(process.execPath, [join(checkout, 'scripts/bootstrap.mjs'), 'start:stack'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(''); // nothing installed, nothing started
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`cannot enter ${locked}`)]);
  });
});
