/**
 * LiveRoom: one Durable Object per room name, fanning events out to WebSockets. Uses the hibernation API
 * (`ctx.acceptWebSocket`), so idle sockets cost nothing and survive eviction; pings are answered by the runtime
 * (`setWebSocketAutoResponse`) without waking the room. Every event is kept in the room's replay buffer (SQLite, see
 * replay-buffer.ts) so a reconnecting client resumes from `?since=<seq>` with no gap and no duplicate.
 *
 * The upgrade reaches the room only through `/rooms/:room` (http/room-upgrade.ts), which has already checked the room,
 * the caller and `since`, and passes them with the caps in `x-fairline-*` headers it sets itself.
 */
import { DurableObject } from 'cloudflare:workers';
import { jsonLogger } from '../lib/logger.ts';
import { clientMessageSchema, MAX_CLIENT_MESSAGE_BYTES, PING, PONG, roomEventSchema, type RoomEvent, type ServerMessage } from './protocol.ts';
import { ReplayBuffer } from './replay-buffer.ts';

const log = jsonLogger({ component: 'live-room' });

/** The headers http/room-upgrade.ts hands the room (it overwrites any a client sent). */
export const ROOM_HEADERS = {
  room: 'x-fairline-room',
  since: 'x-fairline-since',
  client: 'x-fairline-client',
  maxConnections: 'x-fairline-max-connections',
  maxPerClient: 'x-fairline-max-per-client',
  /** On a 429 from the room: why (the route turns it into the API's error answer). */
  refused: 'x-fairline-refused',
} as const;

/** The socket tag of one client (its address bucket, or its user), so counting its sockets is one getWebSockets(tag). */
export const clientTag = (client: string) => `client:${client}`;

const send = (ws: WebSocket, message: ServerMessage) => ws.send(JSON.stringify(message));

/**
 * The 101's answer to the client's compression offer: none. workerd negotiates permessage-deflate with every client
 * that offers it (browsers do) unless the Worker's 101 carries its own `Sec-WebSocket-Extensions`; a value that is
 * not a permessage-deflate agreement makes it agree no extension. Room messages are small JSON (~150–300 bytes) sent
 * to every socket, so deflate saves little and costs one compression per socket per event in the room (and one
 * inflate per message in every client): 1,000 sockets ≈ a third of the fan-out time (bench/api/FANOUT.md). Checked by
 * `npm run bench:api`, which fails if a room socket still negotiates an extension.
 */
const UNCOMPRESSED = { 'Sec-WebSocket-Extensions': 'none' };

/**
 * The Durable Object behind `/rooms/:room` (see the file comment): accepts the room's WebSockets (hibernatable,
 * tagged with the room name and the client) within the caps, greets each with the current sequence number and
 * replays what a resuming client missed, and publishes RoomEvents to every socket, each stored with its seq.
 */
export class LiveRoom extends DurableObject {
  readonly #buffer: ReplayBuffer;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.#buffer = new ReplayBuffer(ctx.storage);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const h = (name: string) => request.headers.get(name);
    const room = h(ROOM_HEADERS.room) ?? 'unknown';
    const client = h(ROOM_HEADERS.client) ?? 'unknown';
    const maxConnections = Number(h(ROOM_HEADERS.maxConnections) ?? Infinity);
    const maxPerClient = Number(h(ROOM_HEADERS.maxPerClient) ?? Infinity);
    const sinceHeader = h(ROOM_HEADERS.since);
    const since = sinceHeader === null ? null : Number(sinceHeader);

    // Everything from here to the 101 is synchronous: no publish can run between the count, the accept and the replay.
    const connections = this.ctx.getWebSockets().length;
    if (connections >= maxConnections) return refuse(`this room is full (${maxConnections} connections)`);
    if (this.ctx.getWebSockets(clientTag(client)).length >= maxPerClient) {
      return refuse(`too many connections to this room from one client (at most ${maxPerClient})`);
    }
    const pair = new WebSocketPair();
    const [socket, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [room, clientTag(client)]);
    const seq = this.#buffer.seq;
    send(server, { type: 'welcome', room, seq, connections: connections + 1 });
    if (since !== null && Number.isSafeInteger(since) && since >= 0) {
      const replay = this.#buffer.since(since);
      if (replay.kind === 'resync') send(server, { type: 'resync', room, seq });
      else for (const message of replay.messages) server.send(message);
    }
    return new Response(null, { status: 101, webSocket: socket, headers: UNCOMPRESSED });
  }

  /** Server-side publish path (called through the DO stub by routes, cron jobs and services). */
  async publish(room: string, event: RoomEvent): Promise<{ seq: number; delivered: number }> {
    const r = await this.publishMany(room, [event]);
    return { seq: r.seq, delivered: r.delivered };
  }

  /**
   * Several events in one call, in order, each with its own sequence number (one storage transaction for all):
   * a cron tick that changed many prices costs one Durable Object call per room, not one per price.
   */
  async publishMany(room: string, events: RoomEvent[]): Promise<{ seq: number; delivered: number; events: number }> {
    // One malformed event must not cost the batch: it is dropped (and logged) and the rest go out.
    const parsed: RoomEvent[] = [];
    for (const e of events) {
      const r = roomEventSchema.safeParse(e);
      if (r.success) parsed.push(r.data);
      else log.error('live room: malformed event dropped', { room, issue: r.error.issues[0]?.message ?? '' });
    }
    // Each message is stringified once: the same text is stored for replay and sent to every socket.
    const messages = this.#buffer.append(
      parsed.length,
      (seq, k) => JSON.stringify({ type: 'event', room, seq, event: parsed[k]! } satisfies ServerMessage),
      Date.now(),
    );
    let delivered = 0;
    const sockets = this.ctx.getWebSockets();
    for (const message of messages) {
      for (const ws of sockets) {
        try {
          ws.send(message);
          delivered++;
        } catch {
          // A socket closing mid-send is not the publisher's problem.
        }
      }
    }
    return { seq: this.#buffer.seq, delivered, events: parsed.length };
  }

  /** The number of WebSockets connected to this room now. */
  async connections(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (byteLength(message) > MAX_CLIENT_MESSAGE_BYTES) {
      ws.close(1009, `message too big: at most ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message));
    } catch {
      data = null;
    }
    // The exact PING never gets here (the runtime answers it); another spelling of a ping does.
    send(ws, clientMessageSchema.safeParse(data).success ? { type: 'pong' } : { type: 'error', message: `unknown message; send ${PING}` });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string) {
    // 1005/1006 are reserved (no status / abnormal): echoing them back throws.
    const safe = code === 1005 || code === 1006 ? 1000 : code;
    try {
      ws.close(safe, reason);
    } catch {
      // already closed
    }
  }
}

/** A refused upgrade: 429, with the reason for the route to answer (no socket is opened). */
function refuse(reason: string): Response {
  return new Response(null, { status: 429, headers: { [ROOM_HEADERS.refused]: reason } });
}

/** A message's size in bytes (a string's UTF-8 length is at most 3 per UTF-16 unit, so short ones skip encoding). */
function byteLength(message: string | ArrayBuffer): number {
  if (typeof message !== 'string') return message.byteLength;
  return message.length * 3 <= MAX_CLIENT_MESSAGE_BYTES ? message.length : new TextEncoder().encode(message).byteLength;
}
