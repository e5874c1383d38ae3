/**
 * vitest global setup for `worker (workerd)`: a TCP server that accepts connections and never answers — the
 * "Redis that hangs" the limiter's timeout is tested against (a refused connection fails fast on its own and would
 * prove nothing). Its URL reaches the tests as the binding TEST_SILENT_URL.
 */
import { createServer, type Socket } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    silentUrl: string;
  }
}

const sockets = new Set<Socket>();
const server = createServer((socket) => {
  // Read and drop whatever arrives; never write, never close.
  sockets.add(socket);
  socket.on('data', () => {});
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => {});
});

export async function setup(project: TestProject) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  project.provide('silentUrl', `http://127.0.0.1:${port}`);
}

export async function teardown() {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
