// Can the `postgres` system user reach a path? As root, embedded Postgres runs its binaries and keeps its data as
// that user, so every directory above the checkout must be traversable by it. A checkout under root's home (mode
// 700) is not, and initdb then dies with an unhandled EACCES deep in a child process. Plain JavaScript so that
// scripts/bootstrap.mjs can run it on the machine's own Node (20, no TypeScript) before anything is installed.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The uid and group ids of the `postgres` user; `undefined` when it does not exist yet (it will be "other"). */
export function postgresIdentity() {
  let passwd = '';
  let group = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
    group = readFileSync('/etc/group', 'utf8');
  } catch {
    return undefined;
  }
  const entry = passwd.split('\n').map((l) => l.split(':')).find((f) => f[0] === 'postgres');
  if (!entry) return undefined;
  const gids = new Set([Number(entry[3])]);
  for (const g of group.split('\n').map((l) => l.split(':'))) {
    if (g[3] && g[3].split(',').includes('postgres')) gids.add(Number(g[2]));
  }
  return { uid: Number(entry[2]), gids: [...gids] };
}

/**
 * The first existing directory on the way to `path` that `who` may not enter (no execute bit for it), or
 * `undefined` when every one is traversable. `who` undefined = a user matching neither owner nor group.
 */
export function blockedAncestor(path, who) {
  const chain = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    chain.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const dir of chain) {
    let st;
    try {
      st = statSync(dir);
    } catch {
      return undefined; // not created yet: it will be made by (and for) the stack
    }
    if (!st.isDirectory()) continue;
    const bit = who && st.uid === who.uid ? 0o100 : who && who.gids.includes(st.gid) ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return undefined;
}

/**
 * One line saying why the embedded Postgres cannot run from this checkout and what to do, or `undefined` when it
 * can (or when we are not root, so Postgres runs as ourselves).
 */
export function postgresReachProblem(paths) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const who = postgresIdentity();
  for (const p of paths) {
    const blocked = blockedAncestor(p, who);
    if (blocked) {
      return (
        `fairline: the embedded Postgres runs as the "postgres" user, which cannot enter ${blocked} ` +
        `(on the way to ${p}); move the checkout somewhere it can (e.g. /srv or /opt), or allow it with: chmod o+x ${blocked}`
      );
    }
  }
  return undefined;
}
