/**
 * LiveRoom: one Durable Object per room name, fanning events out to WebSockets. Uses the hibernation API
 * (`ctx.acceptWebSocket`), so idle sockets cost nothing and survive eviction. The sequence number lives in
 * durable storage so it keeps increasing across hibernation.
 */
import { DurableObject } from 'cloudflare:workers';
import { jsonLogger } from '../lib/logger.ts';
import { clientMessageSchema, roomEventSchema, type RoomEvent, type ServerMessage } from './protocol.ts';

const log = jsonLogger({ component: 'live-room' });

/**
 * The Durable Object behind `/rooms/:room` (see the file comment): accepts the room's WebSockets (hibernatable,
 * tagged with the room name, greeted with the current sequence number), answers pings, and publishes RoomEvents to
 * every socket with a per-room sequence number kept in durable storage.
 */
export class LiveRoom extends DurableObject {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const room = request.headers.get('x-fairline-room') ?? 'unknown';
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [room]);
    const seq = (await this.ctx.storage.get<number>('seq')) ?? 0;
    const welcome: ServerMessage = { type: 'welcome', room, seq, connections: this.ctx.getWebSockets().length };
    server.send(JSON.stringify(welcome));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Server-side publish path (called through the DO stub by routes, cron jobs and services). */
  async publish(room: string, event: RoomEvent): Promise<{ seq: number; delivered: number }> {
    const r = await this.publishMany(room, [event]);
    return { seq: r.seq, delivered: r.delivered };
  }

  /**
   * Several events in one call, in order, each with its own sequence number (one storage write for all):
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
    const first = ((await this.ctx.storage.get<number>('seq')) ?? 0) + 1;
    const seq = first + parsed.length - 1;
    await this.ctx.storage.put('seq', seq);
    let delivered = 0;
    const sockets = this.ctx.getWebSockets();
    parsed.forEach((event, k) => {
      const message = JSON.stringify({ type: 'event', room, seq: first + k, event } satisfies ServerMessage);
      for (const ws of sockets) {
        try {
          ws.send(message);
          delivered++;
        } catch {
          // A socket closing mid-send is not the publisher's problem.
        }
      }
    });
    return { seq, delivered, events: parsed.length };
  }

  /** The number of WebSockets connected to this room now. */
  async connections(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    let data: unknown;
    try {
      data = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message));
    } catch {
      data = null;
    }
    const parsed = clientMessageSchema.safeParse(data);
    const reply: ServerMessage = parsed.success
      ? { type: 'pong', at: new Date().toISOString() }
      : { type: 'error', message: 'unknown message; send {"type":"ping"}' };
    ws.send(JSON.stringify(reply));
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
