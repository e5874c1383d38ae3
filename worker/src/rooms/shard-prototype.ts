/**
 * PROTOTYPE, served only by the benchmark (bench/api/shards/wrangler.toml; not exported by the API worker): the
 * two-level fan-out of bench/api/FANOUT.md, for `bench:api --shards N` — enough to measure the cost of each level. Level 1: the Publisher room numbers and stores each event like LiveRoom (seq in
 * memory, one SQLite row per event, the message serialised once) and forwards the serialised message to its N shard
 * rooms with one Durable Object RPC each, concurrently. Level 2: each Shard sends it to its own sockets.
 *   GET  /shards/:n/:i   a WebSocket on shard i of n (the client picks i by hashing its id in the product)
 *   POST /publish/:n     body = the event JSON; answers { seq, forwardMs } (forwardMs: until every shard returned,
 *                        which includes the shards' own send loops when they share this process)
 *   POST /forward/:n     level 1 alone: the same RPC to n shards that hold no sockets; answers { forwardMs }
 */
import { DurableObject } from 'cloudflare:workers';

interface ShardEnv {
  PUBLISHER: DurableObjectNamespace<Publisher>;
  SHARD: DurableObjectNamespace<Shard>;
}

// As LiveRoom's UNCOMPRESSED: the shards' sockets decline permessage-deflate too, so the levels compare like for like.
const UNCOMPRESSED = { 'Sec-WebSocket-Extensions': 'none' };

const shardOf = (env: ShardEnv, n: number, i: number) => env.SHARD.get(env.SHARD.idFromName(`bench/${n}/${i}`));

/** Level 2: one slice of the room's sockets. Stores nothing: the publisher owns seq and the replay buffer. */
export class Shard extends DurableObject<ShardEnv> {
  override async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0], headers: UNCOMPRESSED });
  }

  /** Sends the already-serialised messages to every socket of this shard; answers how many sends were made. */
  deliver(messages: string[]): number {
    let sent = 0;
    const sockets = this.ctx.getWebSockets();
    for (const m of messages) {
      for (const ws of sockets) {
        try {
          ws.send(m);
          sent++;
        } catch {
          // closing socket
        }
      }
    }
    return sent;
  }
}

/** Level 1: numbers, stores and forwards; holds no subscriber sockets itself. */
export class Publisher extends DurableObject<ShardEnv> {
  #seq: number;

  constructor(ctx: DurableObjectState, env: ShardEnv) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, message TEXT NOT NULL)');
    this.#seq = ctx.storage.sql.exec<{ s: number | null }>('SELECT MAX(seq) AS s FROM events').one().s ?? 0;
  }

  /** Level 1 alone: one `deliver` RPC to each of n shards that hold no sockets (the call's cost, no sends). */
  async forward(n: number): Promise<{ forwardMs: number }> {
    const t0 = Date.now();
    await Promise.all(Array.from({ length: n }, (_, i) => this.env.SHARD.get(this.env.SHARD.idFromName(`empty/${n}/${i}`)).deliver(['{}'])));
    return { forwardMs: Date.now() - t0 };
  }

  async publish(n: number, event: unknown): Promise<{ seq: number; forwardMs: number; delivered: number }> {
    const seq = ++this.#seq;
    const message = JSON.stringify({ type: 'event', room: 'bench', seq, event });
    this.ctx.storage.sql.exec('INSERT INTO events (seq, message) VALUES (?, ?)', seq, message);
    const t0 = Date.now(); // advances across the RPC awaits (I/O), so this is the level-1 wall time
    const counts = await Promise.all(Array.from({ length: n }, (_, i) => shardOf(this.env, n, i).deliver([message])));
    return { seq, forwardMs: Date.now() - t0, delivered: counts.reduce((a, b) => a + b, 0) };
  }
}

/** The prototype's routes (see the file comment). */
export default {
  async fetch(req: Request, env: ShardEnv): Promise<Response> {
    const [, kind, a, b] = new URL(req.url).pathname.split('/');
    if (kind === 'shards' && req.headers.get('upgrade') === 'websocket') return shardOf(env, Number(a), Number(b)).fetch(req);
    if (kind === 'publish' && req.method === 'POST') {
      const pub = env.PUBLISHER.get(env.PUBLISHER.idFromName('bench'));
      return Response.json(await pub.publish(Number(a), await req.json()));
    }
    if (kind === 'forward' && req.method === 'POST') {
      return Response.json(await env.PUBLISHER.get(env.PUBLISHER.idFromName('bench')).forward(Number(a)));
    }
    return new Response('bench-fanout-shards', { status: req.method === 'GET' ? 200 : 404 });
  },
};
