/**
 * A room socket as a partner's client sees it on the wire, against the real worker (`wrangler dev`, workerd): the
 * handshake agrees NO WebSocket extension even when the client offers permessage-deflate (as browsers and the `ws`
 * client do). The rooms decline compression on purpose (worker/src/rooms/live-room.ts UNCOMPRESSED): deflating each
 * small event once per socket was a third of the 1,000-socket fan-out time (bench/api/FANOUT.md). Only the real
 * runtime's HTTP server decides what goes on the wire, so this cannot be checked inside the workerd test pool.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWorkerDev, type WorkerDev } from '../../scripts/worker-dev.ts';

let worker: WorkerDev;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'fairline-room-wire-'));
  // A public sport room needs neither Postgres nor Redis; the URL only has to be well-formed for the config check.
  worker = await startWorkerDev({
    vars: { ENVIRONMENT: 'development', DATABASE_URL: 'postgres://unused@127.0.0.1:9/unused', ADMIN_TOKEN: 'room-wire-admin' },
    persistTo: join(stateDir, 'wrangler'),
    logFile: join(stateDir, 'wrangler.log'),
    readyPath: '/',
  });
}, 150_000);
afterAll(async () => {
  await worker?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

/**
 * Opens a socket that offers permessage-deflate (`perMessageDeflate: true` makes the `ws` client send the offer) and
 * answers the extensions the server agreed and the first message.
 */
function open(url: string): Promise<{ extensions: string; first: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: true });
    ws.once('message', (data) => {
      resolve({ extensions: ws.extensions, first: String(data) });
      ws.close();
    });
    ws.once('error', reject);
  });
}

describe('room sockets on the wire', () => {
  it('agree no extension although the client offers permessage-deflate, and still deliver', async () => {
    const r = await open(`${worker.url.replace('http', 'ws')}/rooms/soccer`);
    expect(r.extensions).toBe('');
    expect(JSON.parse(r.first)).toMatchObject({ type: 'welcome', room: 'soccer' });
  });

  it('deliver a published event uncompressed to a socket that offered compression', async () => {
    const ws = new WebSocket(`${worker.url.replace('http', 'ws')}/rooms/nfl`, { perMessageDeflate: true });
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const got = new Promise<string>((resolve) =>
      ws.on('message', (data, isBinary) => {
        messages.push(String(data));
        if (!isBinary && String(data).includes('"heartbeat"')) resolve(String(data));
      }),
    );
    const res = await fetch(`${worker.url}/rooms/nfl/publish`, {
      method: 'POST',
      headers: { authorization: 'Bearer room-wire-admin', 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'heartbeat', at: 'wire-test' }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(await got)).toMatchObject({ type: 'event', room: 'nfl', event: { kind: 'heartbeat', at: 'wire-test' } });
    expect(ws.extensions).toBe('');
    ws.close();
  });
});
