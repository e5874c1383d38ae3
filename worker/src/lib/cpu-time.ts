/**
 * CPU time of the current process, for measuring a training run against a Worker invocation's CPU budget. Node (the
 * CLI, the tests) has `process.cpuUsage`; workerd has no CPU clock a script can read (and its timers do not advance
 * during computation), so there it reports null and the figures come from running the same verb under Node.
 */
type CpuUsage = () => { user: number; system: number };

const cpuUsage: CpuUsage | undefined = (globalThis as { process?: { cpuUsage?: CpuUsage } }).process?.cpuUsage;

/** Milliseconds of user + system CPU used by this process so far, or null where no CPU clock exists. */
export function cpuMs(): number | null {
  if (typeof cpuUsage !== 'function') return null;
  try {
    const u = cpuUsage();
    return (u.user + u.system) / 1000;
  } catch {
    return null;
  }
}

/** Runs `f` and returns its result with the CPU milliseconds it used (null without a CPU clock). */
export async function measureCpu<T>(f: () => Promise<T>): Promise<{ value: T; cpuMs: number | null }> {
  const start = cpuMs();
  const value = await f();
  const end = cpuMs();
  return { value, cpuMs: start === null || end === null ? null : Math.round(end - start) };
}
