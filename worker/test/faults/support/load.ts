/**
 * Steady load on the API for the fault suite: a few clients, each cycling through the targets (public reads, a
 * session read, a REST read, a write) with a short pause, recording every answer's status and timing — so a phase
 * can be judged afterwards: which statuses, how slow, and from when everything succeeded again.
 */

/** One request the load makes. */
export interface Target {
  name: string;
  url: string;
  init?: RequestInit;
}

/** One answer: its target, when it was sent and answered (ms, performance.now()), and its status (0: no answer). */
export interface Sample {
  target: string;
  startedAt: number;
  endedAt: number;
  status: number;
}

/** A client gives up on a request after this long and records status 0: a hang, which the suite then fails on. */
export const HANG_MS = 15_000;

/** Runs `clients` loops over `targets` until `stop()`; `samples` fills as answers arrive. */
export function startLoad(targets: readonly Target[], clients: number, pauseMs = 25) {
  const samples: Sample[] = [];
  let running = true;
  const loop = async (offset: number) => {
    for (let i = offset; running; i++) {
      const t = targets[i % targets.length]!;
      const startedAt = performance.now();
      let status = 0;
      try {
        const res = await fetch(t.url, { ...t.init, signal: AbortSignal.timeout(HANG_MS) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      samples.push({ target: t.name, startedAt, endedAt: performance.now(), status });
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const loops = Array.from({ length: clients }, (_, i) => loop(i));
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

const ok = (s: Sample) => (s.status >= 200 && s.status < 300) || s.status === 429;

/** What one phase of load looked like: statuses by target, the slowest answer, the answers outside 2xx/429/503. */
export function summarise(samples: readonly Sample[]) {
  const byTarget: Record<string, Record<number, number>> = {};
  for (const s of samples) {
    const t = (byTarget[s.target] ??= {});
    t[s.status] = (t[s.status] ?? 0) + 1;
  }
  return {
    requests: samples.length,
    byTarget,
    slowestMs: Math.round(Math.max(0, ...samples.map((s) => s.endedAt - s.startedAt))),
    /** Anything but 2xx, 429 and 503: a 500, a hang (0) or another error. */
    unexpected: samples.filter((s) => !ok(s) && s.status !== 503),
    outages: samples.filter((s) => s.status === 503).length,
  };
}

/**
 * How long after `since` (ms, performance.now()) the API was fully back: the end of the last failed answer (not
 * 2xx/429), provided every target then answered 2xx at least once; null when some target never did.
 */
export function recoveryMs(samples: readonly Sample[], since: number, targets: readonly string[]): number | null {
  const lastFailure = Math.max(since, ...samples.filter((s) => !ok(s)).map((s) => s.endedAt));
  const after = samples.filter((s) => s.startedAt >= lastFailure && s.status >= 200 && s.status < 300);
  if (!targets.every((t) => after.some((s) => s.target === t))) return null;
  return Math.round(lastFailure - since);
}
