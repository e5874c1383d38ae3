// Debian's redis-server, when installed. Without it the platform runs with no cache tier (and says so).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { RespClient } from './resp.ts';

export interface LocalRedis {
  port: number;
  stop(): Promise<void>;
  /** Starts redis-server again after `stop()` — same port and dir, empty (no persistence) — for the fault suite. */
  start(): Promise<void>;
}

export function redisServerPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : null;
}

export async function startRedis(opts: { port: number; dir: string }): Promise<LocalRedis | null> {
  const bin = redisServerPath();
  if (!bin) return null;
  mkdirSync(opts.dir, { recursive: true });
  let child = await spawnRedis(bin, opts);
  return {
    port: opts.port,
    stop: () => stopRedis(child),
    async start() {
      if (child.exitCode === null && child.signalCode === null) return;
      // The port may be held for a moment: a client that kept connecting to it while nothing listened can end up
      // connected to itself (Linux's TCP self-connect in the ephemeral range), which closes once that client gives up.
      for (let attempt = 1; ; attempt++) {
        try {
          child = await spawnRedis(bin, opts);
          return;
        } catch (err) {
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
  };
}

/** Starts redis-server on the port and waits for its PING (10 s at most). */
async function spawnRedis(bin: string, opts: { port: number; dir: string }): Promise<ChildProcess> {
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(opts.port), '--bind', '127.0.0.1', '--dir', opts.dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // Whatever way this process ends (Ctrl-C, SIGTERM, an exit hook calling process.exit), take redis with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const deadline = Date.now() + 10_000;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (;;) {
    try {
      if (exited()) throw new Error('redis-server exited');
      const c = await RespClient.open(opts.port);
      await c.command(['PING']);
      c.close();
      return child;
    } catch (err) {
      if (Date.now() > deadline || exited()) {
        child.kill();
        throw new Error(`redis-server did not start on port ${opts.port}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
