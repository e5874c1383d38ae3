/**
 * WebSocket fan-out: for each system, `sockets` clients join its room; then `events` messages are published, and for
 * each we record when the LAST of that system's clients received it (fan-out completion) relative to the publish
 * call, and when the publish call itself returned.
 *
 * Several systems are measured INTERLEAVED, event by event (ours, peer, ours, peer, …), with every system's sockets
 * open the whole time: this 2-core machine is shared with other work, and a load spike then hits both systems alike
 * instead of whichever happened to run during it. One system publishes at a time, so only its sockets are busy.
 */
export interface FanoutResult {
  sockets: number;
  events: number;
  p50: number;
  p99: number;
  max: number;
  /** Time until the first socket had the event (the spread p50 − firstP50 is the per-socket cost). */
  firstP50: number;
  /** Time until the publish call returned. */
  publishP50: number;
  /** Every measured event's time to the last socket, in publish order (bench/.out/fanout-samples.json keeps them). */
  samples: number[];
  /** The WebSocket extensions the server agreed (e.g. permessage-deflate), '' for none; every socket's must match. */
  extensions: string;
}

/** One system under test: how a client joins its room and how an event with benchmark sequence `seq` is published. */
export interface FanoutSystem {
  name: string;
  connect: () => WebSocket;
  publish: (seq: number) => Promise<void>;
}

interface Tracked {
  system: FanoutSystem;
  clients: WebSocket[];
  received: Map<number, number[]>;
  completion: number[];
  first: number[];
  published: number[];
  /** Resolves when every socket has the awaited event (set by oneEvent, called from onmessage: no polling, which would
   * take CPU from the servers on this 2-core box). */
  waiter: { seq: number; done: () => void } | null;
  extensions: Set<string>;
}

const WAIT_MS = 10_000;

async function join(system: FanoutSystem, sockets: number, seqOf: (data: string) => number | null): Promise<Tracked> {
  const t: Tracked = { system, clients: [], received: new Map(), completion: [], first: [], published: [], waiter: null, extensions: new Set() };
  // Opened in batches: a thousand simultaneous upgrades are a connection storm, not what is being measured.
  for (let i = 0; i < sockets; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, sockets - i) }, () =>
        new Promise<void>((resolve, reject) => {
          const ws = system.connect();
          ws.onopen = () => {
            t.extensions.add(ws.extensions);
            resolve();
          };
          ws.onerror = () => reject(new Error(`${system.name}: a socket failed to open`));
          ws.onmessage = (e) => {
            const seq = seqOf(String(e.data));
            if (seq === null) return;
            const now = performance.now();
            const list = t.received.get(seq);
            if (list) list.push(now);
            else t.received.set(seq, [now]);
            if (t.waiter?.seq === seq && (list?.length ?? 1) >= sockets) t.waiter.done();
          };
          t.clients.push(ws);
        }),
      ),
    );
  }
  return t;
}

async function oneEvent(t: Tracked, seq: number, sockets: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const all = new Promise<void>((resolve) => {
    t.waiter = { seq, done: resolve };
    timer = setTimeout(resolve, WAIT_MS);
  });
  const t0 = performance.now();
  await t.system.publish(seq);
  t.published.push(performance.now() - t0);
  if ((t.received.get(seq)?.length ?? 0) < sockets) await all;
  clearTimeout(timer);
  t.waiter = null;
  const times = t.received.get(seq) ?? [];
  if (times.length < sockets) throw new Error(`${t.system.name} event ${seq}: only ${times.length}/${sockets} sockets received it`);
  t.completion.push(Math.max(...times) - t0);
  t.first.push(Math.min(...times) - t0);
  t.received.delete(seq);
}

/** Nearest-rank quantile: the ceil(p·n)-th smallest (p99 of 100 samples is the 99th, not the maximum). */
const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil(p * s.length) - 1))]!;
};

/**
 * Measures every system (see the file comment); `seqOf` extracts the benchmark's sequence number from a message, or
 * null for other traffic (welcome, replay, …). Answers one result per system, in the order given.
 */
export async function fanout(opts: {
  sockets: number;
  events: number;
  systems: FanoutSystem[];
  seqOf: (data: string) => number | null;
  /** Events published per system before measuring (JIT, first-use paths), not counted. */
  warmup?: number;
}): Promise<FanoutResult[]> {
  const tracked: Tracked[] = [];
  try {
    for (const s of opts.systems) tracked.push(await join(s, opts.sockets, opts.seqOf));
    await new Promise((r) => setTimeout(r, 300));
    const warmup = opts.warmup ?? 3;
    for (let seq = 1; seq <= warmup + opts.events; seq++) {
      for (const t of tracked) await oneEvent(t, seq, opts.sockets);
      if (seq === warmup) for (const t of tracked) (t.completion.length = 0), (t.first.length = 0), (t.published.length = 0);
    }
  } finally {
    for (const t of tracked) for (const ws of t.clients) ws.close(1000, 'done');
  }
  return tracked.map((t) => ({
    sockets: opts.sockets,
    events: opts.events,
    p50: quantile(t.completion, 0.5),
    p99: quantile(t.completion, 0.99),
    max: Math.max(...t.completion),
    firstP50: quantile(t.first, 0.5),
    publishP50: quantile(t.published, 0.5),
    extensions: [...t.extensions].join(' | '),
    samples: t.completion.map((x) => Math.round(x * 10) / 10),
  }));
}
