/**
 * The fan-out systems `bench:api` compares, each joined and published the same way (a WebSocket client per socket;
 * one HTTP POST per event, timed from the call until the last socket has the event):
 *  - `workerd`: the LiveRoom Durable Object, sockets and publish straight to the API worker's workerd socket
 *    (user-worker-url.ts says why) — the figure issue 16's target is about;
 *  - `proxied`: the same, through `wrangler dev`'s ProxyWorker (what a browser gets locally), for the record;
 *  - `peer`: a plain Node `ws` broadcaster, published through its own HTTP POST.
 * The two LiveRoom systems use different rooms, so each publish reaches only its own sockets.
 */
import type { FanoutSystem } from './fanout.ts';

/** Publishes a bench heartbeat `bench-<seq>` through the API's admin route `POST /rooms/:room/publish`. */
function publishVia(api: string, room: string, admin: string) {
  return async (seq: number) => {
    const r = await fetch(`${api}/rooms/${room}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'heartbeat', at: `bench-${seq}` }),
    });
    if (!r.ok) throw new Error(`publish ${room} via ${api}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  };
}

const wsUrl = (http: string) => http.replace(/^http/, 'ws');

/** One LiveRoom: sockets join `room` at `api`, events are published through the same address. */
export function liveRoomSystem(name: string, api: string, room: string, admin: string): FanoutSystem {
  return { name, connect: () => new WebSocket(`${wsUrl(api)}/rooms/${room}`), publish: publishVia(api, room, admin) };
}

/**
 * The Node `ws` peer (peer-ws.ts) at `url`: POST the body, it broadcasts it. The body is the very message a LiveRoom
 * sends for the same event (same bytes, same JSON for the clients to parse), so the two broadcasters are compared on
 * equal payloads — before, the peer relayed a 12-byte `{"bench":n}` against our ~90-byte event, and the clients, which
 * share this CPU with both servers, parsed less for the peer.
 */
export function peerSystem(url: string): FanoutSystem {
  return {
    name: 'peer',
    connect: () => new WebSocket(wsUrl(url)),
    publish: async (seq) => {
      const message = { type: 'event', room: 'soccer', seq, event: { kind: 'heartbeat', at: `bench-${seq}` } };
      const r = await fetch(url, { method: 'POST', body: JSON.stringify(message) });
      await r.arrayBuffer();
    },
  };
}

/** The benchmark's sequence number in a message of any system (a heartbeat `bench-<n>`; `{bench}` is still read). */
export function benchSeqOf(data: string): number | null {
  const m = JSON.parse(data) as { type?: string; event?: { at?: string }; bench?: number };
  if (m.type === 'event' && m.event?.at?.startsWith('bench-')) return Number(m.event.at.slice(6));
  if (typeof m.bench === 'number') return m.bench;
  return null;
}

/**
 * The two-level prototype (worker/src/rooms/shard-prototype.ts) at `url` with `shards` shard rooms: socket k joins
 * shard k mod shards (the product would hash the client id); every publish's level-1 time (publisher → every shard
 * accepted) is appended to `forwardMs`.
 */
export function shardedSystem(name: string, url: string, shards: number, forwardMs: number[]): FanoutSystem {
  let k = 0;
  return {
    name,
    connect: () => new WebSocket(`${wsUrl(url)}/shards/${shards}/${k++ % shards}`),
    publish: async (seq) => {
      const r = await fetch(`${url}/publish/${shards}`, { method: 'POST', body: JSON.stringify({ kind: 'heartbeat', at: `bench-${seq}` }) });
      if (!r.ok) throw new Error(`publish to ${shards} shards: ${r.status} ${await r.text()}`);
      forwardMs.push(((await r.json()) as { forwardMs: number }).forwardMs);
    },
  };
}
