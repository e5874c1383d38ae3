/**
 * A run that takes a source's lease and then hangs, as a process of its own, so the pooler suite can kill it with
 * SIGKILL — a real crash: no `finally`, no release, its connections simply gone. argv: url, proxy, source,
 * leaseMs, renewEveryMs. Prints `held` once the lease is taken.
 */
import ws from 'ws';
import { createPoolDb } from '@fairline/db';
import { acquireSourceLock } from '../../../../src/services/ingest/lock.ts';

const [url, localProxy, source, leaseMs, renewEveryMs] = process.argv.slice(2);
const { db } = createPoolDb({ url: url!, localProxy, webSocketConstructor: ws });
await acquireSourceLock(db, source!, { wait: false, timeoutMs: 0, leaseMs: Number(leaseMs), renewEveryMs: Number(renewEveryMs) });
process.stdout.write('held\n');
// The heartbeat's timer is unref'd (a finished CLI must exit); stay alive until killed — or, should the suite itself
// die first, until its end of stdin closes (then exit at once, still without releasing).
process.stdin.on('data', () => {});
process.stdin.on('end', () => process.exit(0));
