// Fan-out peer: a plain Node `ws` server that broadcasts each POSTed body to every connected socket.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

export async function startPeerBroadcaster(port: number) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      for (const c of wss.clients) c.send(body);
      res.end('ok');
    });
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
