/**
 * Reaching the worker in tests the way clients do — through its own fetch handler, inside workerd: plain
 * requests, a typed tRPC client, and LiveRoom sockets that collect what they receive.
 */
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import superjson from 'superjson';
import worker from '../../../src/index.ts';
import type { ServerMessage } from '../../../src/rooms/protocol.ts';
import type { AppRouter } from '../../../src/trpc/router.ts';

/** One request through the worker's fetch handler, waiting for its background work. */
export async function callWorker(req: Request, env: object): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req, env as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A typed client whose transport is the worker's fetch handler (the full HTTP path). */
export function trpcClient(env: object, options: { token?: string; batch?: boolean } = {}) {
  const link = options.batch === false ? httpLink : httpBatchLink;
  return createTRPCClient<AppRouter>({
    links: [
      link({
        url: 'http://api.test/trpc',
        transformer: superjson,
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        fetch: (input, init) => callWorker(new Request(input as string, init as RequestInit), env),
      }),
    ],
  });
}

export type EventMessage = Extract<ServerMessage, { type: 'event' }>;

/** Opens a room socket through the worker and collects its messages. */
export async function joinRoom(room: string, env: object) {
  const res = await callWorker(new Request(`http://api.test/rooms/${room}`, { headers: { Upgrade: 'websocket' } }), env);
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`room ${room}: expected a WebSocket upgrade, got ${res.status}`);
  const messages: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(e.data as string));
    waiters.splice(0).forEach((w) => w());
  });
  ws.accept();
  const waitFor = async (done: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!done() && Date.now() < deadline) {
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  const eventsSoFar = () => messages.filter((m): m is EventMessage => m.type === 'event');
  return {
    ws,
    messages,
    /** The first n messages (welcome included), waiting up to 5 s for them. */
    async next(n: number) {
      await waitFor(() => messages.length >= n);
      return messages.slice(0, n);
    },
    /** The event messages once n have arrived (up to 5 s), and whatever else arrives in the next 100 ms. */
    async events(n: number) {
      await waitFor(() => eventsSoFar().length >= n);
      await new Promise((r) => setTimeout(r, 100));
      return eventsSoFar();
    },
    close: () => ws.close(1000, 'bye'),
  };
}

/** The tRPC error code of a rejected call (or the error as text, when it is not a tRPC error). */
export const errorCode = (e: unknown) => (e instanceof TRPCClientError ? (e as TRPCClientError<AppRouter>).data?.code : String(e));
