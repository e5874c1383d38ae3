/**
 * The resident memory of the workerd that `wrangler dev` runs the worker in, read from Linux's /proc — the number
 * an operator would watch — for the fault suite's soak.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …" — comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The pids of the `workerd` processes descending from `ancestor` (wrangler dev's pid). */
export function workerdPids(ancestor: number): number[] {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  return pids.filter((pid) => {
    if (commOf(pid) !== 'workerd') return false;
    for (let p: number | null = parentOf(pid), hops = 0; p !== null && p > 1 && hops < 10; p = parentOf(p), hops++) {
      if (p === ancestor) return true;
    }
    return false;
  });
}

/** VmRSS of `pid` in MiB (null when the process is gone). */
export function rssMiB(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
