/**
 * The bench's HTTP clients in a process of their own: load.ts runs here on request (IPC from `loadClients()` in
 * load.ts) and answers its LoadResult. They must not share an event loop with the local stack's stand-ins (the
 * Upstash REST shim, the Neon proxy) that run in the bench's process and that the API under test calls — in
 * production those are other machines. With the clients in the same process, a busy client loop delayed the read
 * cache's token reads and put that wait on the API's tail. One process for every run, so its JIT is warm for all.
 */
import { load, loadInterleaved } from './load.ts';

/** One target (`url`) or several in turns (`urls`, `rounds`). */
type LoadRequest = { id: number; connections: number; seconds: number } & ({ url: string } | { urls: string[]; rounds: number });

process.on('message', (m: LoadRequest) => {
  const opts = { connections: m.connections, seconds: m.seconds };
  const run = 'urls' in m ? loadInterleaved(m.urls, { ...opts, rounds: m.rounds }) : load(m.url, opts);
  void run.then(
    (result) => process.send!({ id: m.id, result }),
    (err: unknown) => process.send!({ id: m.id, error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
