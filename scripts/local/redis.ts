// Debian's redis-server, when installed. Without it the platform runs with no cache tier (and says so).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { RespClient } from './resp.ts';

export interface LocalRedis {
  port: number;
  stop(): Promise<void>;
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
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(opts.port), '--bind', '127.0.0.1', '--dir', opts.dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // Whatever way this process ends (Ctrl-C, SIGTERM, an exit hook calling process.exit), take redis with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const c = await RespClient.open(opts.port);
      await c.command(['PING']);
      c.close();
      break;
    } catch (err) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`redis-server did not start on port ${opts.port}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port: opts.port,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
