/**
 * A local stand-in for Neon's two wire protocols, in front of a real Postgres:
 *  - WebSocket `/v1?address=host:port`: raw Postgres protocol piped to TCP (what the driver's Pool/Client use,
 *    with neonConfig.wsProxy, useSecureWebSocket=false, pipelineConnect=false, forceDisablePgSSL=true);
 *  - `POST /sql`: Neon's HTTP query protocol used by `neon()` / drizzle neon-http — a JSON body `{query, params}`
 *    or `{queries: [...]}` (run in one transaction), the target in the `Neon-Connection-String` header, rows
 *    returned as arrays of raw text with field type OIDs so the driver parses them exactly as against Neon.
 * Production never runs this: the same driver code talks to Neon.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import pg from 'pg';
import { WebSocketServer } from 'ws';

export interface NeonProxy {
  port: number;
  close(): Promise<void>;
}

const rawText = { getTypeParser: () => (value: string) => value };

type SqlQuery = { query: string; params?: unknown[] };

function fieldsOf(result: pg.QueryResult) {
  return result.fields.map((f) => ({
    name: f.name,
    dataTypeID: f.dataTypeID,
    tableID: f.tableID,
    columnID: f.columnID,
    dataTypeSize: f.dataTypeSize,
    dataTypeModifier: f.dataTypeModifier,
    format: 'text',
  }));
}

function toNeonResult(result: pg.QueryResult) {
  return {
    command: result.command,
    rowCount: result.rowCount,
    fields: fieldsOf(result),
    rows: result.rows,
    rowAsArray: true,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handleSql(req: IncomingMessage, res: ServerResponse) {
  const target = req.headers['neon-connection-string'];
  if (typeof target !== 'string') return send(res, 400, { message: 'missing Neon-Connection-String header' });
  let body: { query?: string; params?: unknown[]; queries?: SqlQuery[] };
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return send(res, 400, { message: 'request body is not JSON' });
  }
  // Like Neon's HTTP endpoint, keep server-side connections warm: one pool per connection string.
  let client: pg.PoolClient | undefined;
  try {
    client = await poolFor(target).connect();
    if (Array.isArray(body.queries)) {
      const level = req.headers['neon-batch-isolation-level'];
      const readOnly = req.headers['neon-batch-read-only'] === 'true';
      const iso = typeof level === 'string' ? ` isolation level ${level.replace(/([a-z])([A-Z])/g, '$1 $2')}` : '';
      await client.query(`begin${iso}${readOnly ? ' read only' : ''}`);
      try {
        const results = [];
        for (const q of body.queries) {
          results.push(toNeonResult(await client.query({ text: q.query, values: q.params ?? [], rowMode: 'array' })));
        }
        await client.query('commit');
        send(res, 200, { results });
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      }
    } else if (typeof body.query === 'string') {
      const result = await client.query({ text: body.query, values: body.params ?? [], rowMode: 'array' });
      send(res, 200, toNeonResult(result));
    } else {
      send(res, 400, { message: 'body must have `query` or `queries`' });
    }
  } catch (err) {
    const e = err as Record<string, unknown>;
    const fields = ['code', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'constraint', 'routine'];
    send(res, 400, { message: String(e.message ?? err), ...Object.fromEntries(fields.map((f) => [f, e[f]])) });
  } finally {
    client?.release();
  }
}

const pools = new Map<string, pg.Pool>();
function poolFor(connectionString: string): pg.Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    // The driver sends `postgresql://…?application_name=…`; pg understands that URL form directly.
    pool = new pg.Pool({ connectionString, types: rawText, max: 10, idleTimeoutMillis: 30_000 });
    pool.on('error', () => {});
    pools.set(connectionString, pool);
  }
  return pool;
}

export async function startNeonProxy(opts: { port: number; host?: string }): Promise<NeonProxy> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/sql')) {
      handleSql(req, res).catch((err) => send(res, 500, { message: String(err) }));
    } else {
      send(res, 404, { message: 'not found' });
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const address = url.searchParams.get('address');
    const match = address?.match(/^(.+):(\d+)$/);
    if (!url.pathname.startsWith('/v1') || !match) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const tcp = connect(Number(match[2]), match[1]!);
      tcp.setNoDelay(true);
      const pending: Buffer[] = [];
      let open = false;
      tcp.on('connect', () => {
        open = true;
        for (const b of pending) tcp.write(b);
        pending.length = 0;
      });
      ws.on('message', (data: Buffer) => (open ? tcp.write(data) : pending.push(data)));
      tcp.on('data', (data) => ws.send(data));
      tcp.on('close', () => ws.close());
      tcp.on('error', () => ws.close());
      ws.on('close', () => tcp.destroy());
      ws.on('error', () => tcp.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of pools.values()) void p.end().catch(() => {});
        pools.clear();
        for (const c of wss.clients) c.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
