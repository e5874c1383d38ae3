/**
 * The address of the API worker's own workerd socket behind `wrangler dev`. `wrangler dev` puts a ProxyWorker (a
 * second workerd process) in front of the user worker, and every request and every WebSocket frame crosses it: a hop
 * production does not have (there the edge terminates the socket in front of the Durable Object). The fan-out bench
 * talks to the user worker directly so that it measures workerd + the LiveRoom, one server process, like the Node
 * peer. wrangler reports the address only in its debug log (`WRANGLER_LOG=debug`, the `reloadComplete` message), and
 * it changes at every reload, so it is read right before use.
 */
import { readFileSync } from 'node:fs';

const PATTERN = /"userWorkerUrl":\{"protocol":"(https?:)","hostname":"([^"]+)","port":"(\d+)"\}/g;

/** The newest user-worker URL in a `WRANGLER_LOG=debug` wrangler log (`http://127.0.0.1:<port>`); throws when absent. */
export async function userWorkerUrl(logPath: string): Promise<string> {
  const matches = [...readFileSync(logPath, 'utf8').matchAll(PATTERN)];
  const last = matches.at(-1);
  if (!last) throw new Error(`bench:api: no userWorkerUrl in ${logPath} (is WRANGLER_LOG=debug set for wrangler dev?)`);
  const url = `${last[1]}//${last[2]}:${last[3]}`;
  const res = await fetch(`${url}/`);
  if (!res.ok) throw new Error(`bench:api: the user worker at ${url} answered ${res.status}`);
  await res.arrayBuffer();
  return url;
}
