/**
 * An Upstash-REST-compatible front for a real redis-server, so @upstash/redis and @upstash/ratelimit run
 * unchanged in development and tests. Endpoints: `POST /` (one command as a JSON array), `POST /pipeline` and
 * `POST /multi-exec` (arrays of commands). Bearer-token auth. With `Upstash-Encoding: base64` (what the official
 * client asks for) every string reply except "OK" is base64-encoded, as the client's decoder expects.
 * Upstash's Lua runtime accepts a `allow-key-locking` shebang flag that open-source Redis rejects; it is removed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { RespClient, RespError, type RespReply } from './resp.ts';

export interface UpstashShim {
  port: number;
  token: string;
  close(): Promise<void>;
}

function stripUnsupportedLuaFlags(script: string): string {
  return script.replace(/^#!lua flags=([^\n]*)\n/, (_m, flags: string) => {
    const kept = flags.split(',').filter((f) => f.trim() && f.trim() !== 'allow-key-locking');
    return kept.length ? `#!lua flags=${kept.join(',')}\n` : '#!lua\n';
  });
}

function normalise(command: unknown): string[] {
  if (!Array.isArray(command) || command.length === 0) throw new Error('ERR command must be a non-empty array');
  const args = command.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  const name = args[0]!.toUpperCase();
  if ((name === 'EVAL' || (name === 'SCRIPT' && args[1]?.toUpperCase() === 'LOAD')) && args.length > 1) {
    const at = name === 'EVAL' ? 1 : 2;
    args[at] = stripUnsupportedLuaFlags(args[at]!);
  }
  return args;
}

function encode(reply: RespReply, base64: boolean): unknown {
  if (reply === null || typeof reply === 'number') return reply;
  if (reply instanceof RespError) return reply;
  if (Array.isArray(reply)) return reply.map((r) => encode(r, base64));
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString('base64') : reply.toString('utf8');
  const s = reply.simple;
  return base64 && s !== 'OK' ? Buffer.from(s).toString('base64') : s;
}

function toEntry(reply: RespReply, base64: boolean): { result?: unknown; error?: string } {
  return reply instanceof RespError ? { error: reply.message } : { result: encode(reply, base64) };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startUpstashShim(opts: { port: number; redisPort: number; token: string }): Promise<UpstashShim> {
  // One connection per request keeps MULTI/EXEC blocks from interleaving; the shim is for dev and tests.
  const server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, { error: 'Unauthorized' });
    if (req.method !== 'POST') return send(res, 405, { error: 'ERR only POST is supported' });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    let redis: RespClient | undefined;
    try {
      const body = await readJson(req);
      redis = await RespClient.open(opts.redisPort);
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/' || path === '') {
        const reply = await redis.command(normalise(body));
        const entry = toEntry(reply, base64);
        return send(res, entry.error ? 400 : 200, entry);
      }
      if (path === '/pipeline' || path === '/multi-exec') {
        if (!Array.isArray(body)) return send(res, 400, { error: 'ERR body must be an array of commands' });
        const commands = body.map(normalise);
        if (path === '/pipeline') {
          const replies = await Promise.all(commands.map((c) => redis!.command(c)));
          return send(res, 200, replies.map((r) => toEntry(r, base64)));
        }
        await redis.command(['MULTI']);
        for (const c of commands) await redis.command(c);
        const exec = await redis.command(['EXEC']);
        if (exec instanceof RespError || !Array.isArray(exec)) {
          return send(res, 400, { error: exec instanceof RespError ? exec.message : 'ERR transaction aborted' });
        }
        return send(res, 200, exec.map((r) => toEntry(r, base64)));
      }
      return send(res, 404, { error: `ERR unknown endpoint ${path}` });
    } catch (err) {
      return send(res, 400, { error: err instanceof Error ? err.message : String(err) });
    } finally {
      redis?.close();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    token: opts.token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
