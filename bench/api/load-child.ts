/**
 * The bench's HTTP clients in a process of their own: load.ts runs here on request (IPC from `loadClients()` in
 * load.ts) and answers its LoadResult. They must not share an event loop with the local stack's stand-ins (the
 * Upstash REST shim, the Neon proxy) that run in the bench's process and that the API under test calls — in
 * production those are other machines. With the clients in the same process, a busy client loop delayed the read
 * cache's token reads and put that wait on the API's tail. One process for every run, so its JIT is warm for all.
 */
import { load, type LoadResult } from './load.ts';

interface LoadRequest {
  id: number;
  url: string;
  connections: number;
  seconds: number;
}

process.on('message', (m: LoadRequest) => {
  void load(m.url, { connections: m.connections, seconds: m.seconds }).then(
    (result: LoadResult) => process.send!({ id: m.id, result }),
    (err: unknown) => process.send!({ id: m.id, error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
