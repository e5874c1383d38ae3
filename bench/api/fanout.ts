/**
 * WebSocket fan-out: `sockets` clients join a room; `events` messages are published one after another; for each
 * we record when the LAST client received it (fan-out completion) relative to the publish call.
 */
export interface FanoutResult {
  sockets: number;
  events: number;
  p50: number;
  p99: number;
  max: number;
}

export async function fanout(opts: {
  sockets: number;
  events: number;
  connect: () => WebSocket;
  publish: (seq: number) => Promise<void>;
  /** Extracts the benchmark's sequence number from a message, or null for other traffic (welcome, …). */
  seqOf: (data: string) => number | null;
}): Promise<FanoutResult> {
  const received = new Map<number, number[]>();
  const clients: WebSocket[] = [];
  await Promise.all(
    Array.from({ length: opts.sockets }, () =>
      new Promise<void>((resolve, reject) => {
        const ws = opts.connect();
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('socket failed to open'));
        ws.onmessage = (e) => {
          const seq = opts.seqOf(String(e.data));
          if (seq === null) return;
          const list = received.get(seq) ?? [];
          list.push(performance.now());
          received.set(seq, list);
        };
        clients.push(ws);
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, 300));
  const completion: number[] = [];
  for (let seq = 1; seq <= opts.events; seq++) {
    const t0 = performance.now();
    await opts.publish(seq);
    const deadline = t0 + 10_000;
    while ((received.get(seq)?.length ?? 0) < opts.sockets && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const times = received.get(seq) ?? [];
    if (times.length < opts.sockets) throw new Error(`event ${seq}: only ${times.length}/${opts.sockets} sockets received it`);
    completion.push(Math.max(...times) - t0);
  }
  for (const ws of clients) ws.close(1000, 'done');
  completion.sort((a, b) => a - b);
  const q = (p: number) => completion[Math.min(completion.length - 1, Math.floor(p * completion.length))]!;
  return { sockets: opts.sockets, events: opts.events, p50: q(0.5), p99: q(0.99), max: completion[completion.length - 1]! };
}
