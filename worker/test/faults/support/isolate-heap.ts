/**
 * The JavaScript heap of the worker's isolate, read over the V8 inspector that `wrangler dev` exposes
 * (`--inspector-port`): a full collection (`HeapProfiler.collectGarbage`), then `Runtime.getHeapUsage` — the live
 * objects only. The fault suite's soak judges leaks by it: workerd's resident memory under `wrangler dev` climbs
 * with every request even for a hello-world worker (measured: about 50 KiB a request over 60 s, not given back while
 * the isolate lives), and the heap between collections is a sawtooth of 25-60 MiB, so neither tells our leak from
 * the dev server's or from garbage; the heap right after a full collection does.
 */
import WebSocket from 'ws';

/** An open inspector session on the worker's isolate. */
export interface IsolateHeap {
  /** The used heap now, garbage included. */
  usedBytes(): Promise<number>;
  /** The used heap right after a full collection: what the isolate really holds on to. */
  liveBytes(): Promise<number>;
  close(): void;
}

/** Connects to the first worker target listed at the inspector `port`. */
export async function connectIsolateHeap(port: number): Promise<IsolateHeap> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  if (!targets[0]) throw new Error(`no inspector target at port ${port}`);
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        ws.off('message', onMessage);
        reject(new Error(`inspector: no answer to ${method} within 15 s`));
      }, 15_000);
      const onMessage = (data: Buffer) => {
        const msg = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
        if (msg.id !== id) return;
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(msg.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params: {} }));
    });
  const usedBytes = async () => Number((await call('Runtime.getHeapUsage')).usedSize);
  await call('HeapProfiler.enable');
  return {
    usedBytes,
    async liveBytes() {
      await call('HeapProfiler.collectGarbage');
      return usedBytes();
    },
    close: () => ws.close(),
  };
}
